package pool

import (
	"runtime"
	"testing"
)

var testWorkers = runtime.NumCPU()

func TestSum(t *testing.T) {
	for i := 0; i < testWorkers; i++ {
		if Sum([]int{i}) != i {
			t.Fatal(i)
		}
	}
}
