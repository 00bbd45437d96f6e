package store

/*
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
*/
import "C"

import "errors"

var errCreate = errors.New("cannot create the store directory")

func Create(dir string) error {
	p := cstr(dir)
	defer release(p)
	var rc = C.mkdir(p, mode(0o755)) // want CGO009
	if rc != 0 {
		return errCreate
	}
	return nil
}

func Parse(s string) (int64, error) {
	p := cstr(s)
	defer release(p)
	v := C.strtoll(p, nil, 10) // want CGO009
	if v == C.LLONG_MAX {
		return 0, errors.New("out of range")
	}
	return int64(v), nil
}
