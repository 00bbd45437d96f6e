package sandbox

import (
	"errors"

	xunix "golang.org/x/sys/unix"
)

// EnterNewNamespace clones the calling process into fresh namespaces.
func EnterNewNamespace(flags uintptr) (int, error) {
	r, _, errno := xunix.RawSyscall6(xunix.SYS_CLONE, flags|uintptr(xunix.SIGCHLD), 0, 0, 0, 0, 0) // want RT007
	if errno != 0 {
		return 0, errors.New(errno.Error())
	}
	return int(r), nil
}

// cloneWithArgs uses clone3 through the generic entry point.
func cloneWithArgs(args uintptr, size uintptr) (int, error) {
	r, _, errno := xunix.Syscall(uintptr(xunix.SYS_CLONE3), args, size) // want RT007
	_ = r
	if errno != 0 {
		return 0, errno
	}
	return int(r), nil
}
