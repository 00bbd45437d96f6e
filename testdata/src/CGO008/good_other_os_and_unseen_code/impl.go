// Package native builds a vendored C file through the preamble and reads a clock on macOS.
package native

/*
#include "third_party/impl.c"

int impl_answer(void);
*/
import "C"

// Answer comes from the vendored C code.
func Answer() int { return int(C.impl_answer()) }
