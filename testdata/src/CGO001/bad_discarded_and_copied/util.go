package store

import "C"

import "unsafe"

func unsafe_ptr(p *C.char) unsafe.Pointer { return unsafe.Pointer(p) }
