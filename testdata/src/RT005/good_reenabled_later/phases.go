package phases

import "runtime/debug"

func StartBurst() { debug.SetGCPercent(-1) }

func EndBurst() { debug.SetGCPercent(100) }
