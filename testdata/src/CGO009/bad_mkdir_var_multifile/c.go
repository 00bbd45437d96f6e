package store

/*
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/types.h>
*/
import "C"

import "unsafe"

func cstr(s string) *C.char  { return C.CString(s) }
func release(p *C.char)      { C.free(unsafe.Pointer(p)) }
func mode(m uint32) C.mode_t { return C.mode_t(m) }
