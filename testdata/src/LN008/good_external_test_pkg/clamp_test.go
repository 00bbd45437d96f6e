//go:build go1.19

package clamp_test

import (
	"testing"

	"example.com/good_external_test_pkg"
)

// limit here lives in package clamp_test, a different package from clamp.
func limit() int { return 10 }

func TestTo(t *testing.T) {
	if clamp.To(50, limit()) != limit() {
		t.Fatal("not clamped")
	}
}
