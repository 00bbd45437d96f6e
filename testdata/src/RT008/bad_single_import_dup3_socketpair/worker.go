package worker

import "syscall"

type Worker struct {
	ctl [2]int
	pid int
}

// Spawn gives the worker one end of a control socket on fd 3 and keeps the other end.
func (w *Worker) Spawn(path string) error {
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM, 0) // want RT008
	if err != nil {
		return err
	}
	w.ctl = fds
	pid, err := syscall.ForkExec(path, []string{path}, &syscall.ProcAttr{
		Files: []uintptr{0, 1, 2, uintptr(fds[1])},
	})
	w.pid = pid
	return err
}

// snapshot keeps a private copy of the control descriptor at a caller-chosen number.
func (w *Worker) snapshot(target int) error {
	return syscall.Dup3(w.ctl[0], target, 0) // want RT008
}
