// Package store keeps notes in an embedded C engine.
package store

// DB is an open store.
type DB struct {
	path    string
	handles int
}
