package release

import (
	"runtime"
	"testing"
)

func TestRelease(t *testing.T) {
	runtime.GC()
	Release()
}
