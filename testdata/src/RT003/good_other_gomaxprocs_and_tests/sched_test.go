package sched

import (
	"runtime"
	"testing"
)

func TestParallel(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	if runtime.GOMAXPROCS(0) != 4 {
		t.Fatal("not applied")
	}
}
