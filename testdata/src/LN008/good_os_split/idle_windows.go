//go:build go1.18

package idle

import "time"

func nap() { time.Sleep(2 * time.Millisecond) }
