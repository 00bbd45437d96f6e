// Package shard spreads keys over shards with the runtime's generator.
package shard

import _ "unsafe"

// Exists up to Go 1.21: a 1.22 or newer toolchain cannot link it.
// want-below LN005
//go:linkname randUint runtime.fastrandu
func randUint() uint

// Pick returns a shard index below n.
func Pick(n uint) uint { return randUint() % n }
