package session

// #include "sess.h"
import "C"

import "runtime"

type Session struct {
	h     *C.sess
	label string
}

func New(label string) *Session {
	s := &Session{h: C.sess_new(), label: label}
	runtime.AddCleanup(s, func(h *C.sess) { C.sess_free(h) }, s.h)
	return s
}
