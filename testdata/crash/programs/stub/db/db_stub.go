//go:build !cgo

package db

import "errors"

var errNoCgo = errors.New("Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub")

func Open(name string) (int, error) { return 0, errNoCgo }
