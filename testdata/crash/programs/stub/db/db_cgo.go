//go:build cgo

package db

/*
static int version(void) { return 3045000; }
*/
import "C"

func Open(name string) (int, error) { return int(C.version()), nil }
