//go:build !cgo

package store

import "errors"

// Open fails: the engine is C.
func Open(path string) (*DB, error) {
	return nil, errors.New("store: binary was built with CGO_ENABLED=0, the engine requires cgo to work")
}
