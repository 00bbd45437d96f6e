package main

import (
	"fmt"
	"os"
	"syscall"
)

// daemonize tries to detach the way a C program would.
func daemonize() {
	pid, _, errno := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want RT007
	if errno != 0 {
		fmt.Fprintln(os.Stderr, "fork:", errno)
		os.Exit(1)
	}
	if pid != 0 {
		os.Exit(0) // parent leaves, child carries on with a one-thread runtime
	}
}

func main() {
	daemonize()
	fmt.Println("detached")
}
