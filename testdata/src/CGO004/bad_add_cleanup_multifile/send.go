package session

// #include "sess.h"
import "C"

// Send uses the label before the call and nothing after it.
func (s *Session) Send(n int) int {
	if s.label == "" {
		n++
	}
	return int(C.sess_send(s.h, C.int(n))) // want CGO004
}
