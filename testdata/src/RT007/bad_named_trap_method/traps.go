package pool

import "syscall"

// Names for the system calls the pool uses.
const (
	trapClone = syscall.SYS_CLONE
	sysVfork  = 58 // amd64 number, spelled out by hand
	trapPid   = syscall.SYS_GETPID
)
