package hooks

/*
// Resolved to NULL at link time when nothing defines it.
extern int tracing_hook(int event) __attribute__((weak));

static int hook_present(void) { return tracing_hook != 0; }

// A prototype for a name the preamble also defines as a macro.
int fast_abs(int v);
#define fast_abs(v) ((v) < 0 ? -(v) : (v))
*/
import "C"

// Trace reports event to the tracing hook, when one is linked in.
func Trace(event int) int {
	if C.hook_present() == 0 {
		return int(C.fast_abs(C.int(event)))
	}
	return int(C.tracing_hook(C.int(event)))
}
