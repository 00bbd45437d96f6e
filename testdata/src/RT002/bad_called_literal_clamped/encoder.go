package encoder

import (
	"runtime"
)

var parallelism = func() int {
	n := runtime.NumCPU() // want RT002
	if n > 16 {
		n = 16
	}
	return n
}()

type Encoder struct{ shards int }

func New() *Encoder { return &Encoder{shards: parallelism} }
