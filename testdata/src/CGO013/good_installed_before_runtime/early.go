// Package early installs a native fault handler before the Go runtime starts.
package early

/*
static int early_ready(void) { return 1; }
*/
import "C"

// Ready reports that the C side is linked in.
func Ready() bool { return C.early_ready() == 1 }
