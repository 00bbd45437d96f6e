package syscall

const (
	SYS_CLONE = 56
	SIGCHLD   = 17
)

type Errno uintptr

func RawSyscall6(trap, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno)

// forkAndExecInChild1 mirrors the standard library's by-design raw clone before execve.
func forkAndExecInChild1(flags uintptr) (r1 uintptr, err1 Errno) {
	r1, _, err1 = RawSyscall6(SYS_CLONE, uintptr(SIGCHLD)|flags, 0, 0, 0, 0, 0)
	return
}
