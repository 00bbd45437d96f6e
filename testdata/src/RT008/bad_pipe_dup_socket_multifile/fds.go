package supervisor

import sc "syscall"

type Listener struct {
	fd int
}

// wakeupPipe is used to interrupt a poll loop.
func wakeupPipe() ([2]int, error) {
	var p [2]int
	err := sc.Pipe(p[:]) // want RT008
	return p, err
}

// keepCopy duplicates a descriptor for a background reader.
func keepCopy(fd int) (int, error) {
	dup, err := sc.Dup(fd) // want RT008
	return dup, err
}

// Listen creates a TCP socket by hand.
func Listen(port int) (*Listener, error) {
	typ := sc.SOCK_STREAM
	fd, err := sc.Socket(sc.AF_INET, typ, 0) // want RT008
	if err != nil {
		return nil, err
	}
	if err := sc.Bind(fd, &sc.SockaddrInet4{Port: port}); err != nil {
		return nil, err
	}
	return &Listener{fd: fd}, sc.Listen(fd, 16)
}

// Next accepts one connection.
func (l *Listener) Next() (int, error) {
	nfd, _, err := sc.Accept(l.fd) // want RT008
	return nfd, err
}
