package pool

import sc "syscall"

type Pool struct {
	workers []int
}

func (p *Pool) spawn() error {
	pid, _, errno := sc.Syscall6(trapClone, uintptr(sc.SIGCHLD), 0, 0, 0, 0, 0) // want RT007
	if errno != 0 {
		return errno
	}
	p.workers = append(p.workers, int(pid))
	return nil
}

func (p *Pool) spawnFast() (int, error) {
	pid, _, errno := sc.RawSyscall(sysVfork, 0, 0, 0) // want RT007
	if errno != 0 {
		return 0, errno
	}
	return int(pid), nil
}

func (p *Pool) self() int {
	pid, _, _ := sc.RawSyscall(trapPid, 0, 0, 0)
	return int(pid)
}
