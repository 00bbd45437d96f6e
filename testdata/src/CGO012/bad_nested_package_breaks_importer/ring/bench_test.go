package ring

// #include <string.h>
import "C" // want CGO012

import "testing"

func BenchmarkPush(b *testing.B) {
	var r Ring
	for i := 0; i < b.N; i++ {
		r.Push(int(C.strlen(nil)))
	}
}
