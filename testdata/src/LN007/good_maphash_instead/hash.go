// Package hashing hashes with the supported API.
package hashing

import "hash/maphash"

var seed = maphash.MakeSeed()

// Bytes hashes b.
func Bytes(b []byte) uint64 { return maphash.Bytes(seed, b) }

// String hashes s.
func String(s string) uint64 { return maphash.String(seed, s) }
