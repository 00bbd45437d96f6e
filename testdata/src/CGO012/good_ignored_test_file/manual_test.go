//go:build ignore

// A scratch test kept out of every build by the ignore tag: the go command never reads its
// imports, so its cgo import does not break the package.
package sum

// static int add(int a, int b) { return a + b; }
import "C"

import "testing"

func TestAddMatchesC(t *testing.T) {
	if Add(2, 3) != int(C.add(2, 3)) {
		t.Fatal("mismatch")
	}
}
