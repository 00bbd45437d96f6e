//go:build linux && arm64

package features

/*
static unsigned int leaf_one_ecx(void) {
	unsigned int a = 1, b, c = 0, d;
	__asm__ __volatile__( // want CGO015
		"cpuid"
		: "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return c;
}
*/
import "C"

// ECX returns the feature bits of CPUID leaf 1.
func ECX() uint32 { return uint32(C.leaf_one_ecx()) }
