//go:build tinygo

package plugin

// TinyGo reads its own //go: words; gc ignores them, and they are not typos.
//
//go:inline
func fast(x uint32) uint32 { return x + 1 }

//go:export plugin_step
func step() uint32 { return fast(1) }

//go:extern __heap_base
var heapBase [0]byte

//go:align 16
var scratch [64]byte

//go:section .fastdata
var hot uint32

//go:nobounds
func peek(b []byte) byte { return b[0] }

//go:wasm-module env
func legacyImport()
