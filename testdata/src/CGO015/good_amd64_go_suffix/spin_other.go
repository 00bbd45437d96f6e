//go:build !amd64

package spin

import "runtime"

func relax() { runtime.Gosched() }
