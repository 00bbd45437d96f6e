package runner

import (
	"os"
	"syscall"
)

const readFlags = syscall.O_RDONLY | syscall.O_CLOEXEC

func openConfig(path string) (int, error) {
	return syscall.Open(path, readFlags, 0)
}

func openData(path string, append bool) (int, error) {
	flags := syscall.O_WRONLY | syscall.O_CREAT
	if append {
		flags |= syscall.O_APPEND
	}
	flags |= syscall.O_CLOEXEC
	return syscall.Open(path, flags, 0o644)
}

func openWith(path string, flags int) (int, error) {
	// flags come from the caller: nothing to judge here
	return syscall.Open(path, flags, 0)
}

func pipes() ([2]int, error) {
	var p [2]int
	err := syscall.Pipe2(p[:], syscall.O_CLOEXEC)
	return p, err
}

func markedSocket() (int, error) {
	fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	if err != nil {
		return -1, err
	}
	syscall.CloseOnExec(fd)
	return fd, nil
}

func acceptOne(lfd int) (int, error) {
	nfd, _, err := syscall.Accept4(lfd, syscall.SOCK_CLOEXEC|syscall.SOCK_NONBLOCK)
	return nfd, err
}

func dupMarked(fd int) (int, error) {
	nfd, err := syscall.Dup(fd)
	if err != nil {
		return -1, err
	}
	_, _, errno := syscall.Syscall(syscall.SYS_FCNTL, uintptr(nfd), syscall.F_SETFD, syscall.FD_CLOEXEC)
	if errno != 0 {
		return -1, errno
	}
	return nfd, nil
}

func dupPair(old, target int) error {
	return syscall.Dup3(old, target, syscall.O_CLOEXEC)
}

// redirectStderr sends the process's own stderr (and that of every child) to a log file:
// inheritance is the point.
func redirectStderr(f *os.File) error {
	if err := syscall.Dup2(int(f.Fd()), int(os.Stderr.Fd())); err != nil {
		return err
	}
	return syscall.Dup2(int(f.Fd()), 1)
}
