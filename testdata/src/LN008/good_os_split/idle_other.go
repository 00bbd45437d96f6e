//go:build go1.18 && !linux && !windows

package idle

import "runtime"

func nap() { runtime.Gosched() }
