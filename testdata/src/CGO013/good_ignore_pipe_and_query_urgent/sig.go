package sig

/*
#include <signal.h>
#include <stddef.h>

static void ignore_broken_pipes(void) {
	signal(SIGPIPE, SIG_IGN);
}

// Reading the current SIGURG action changes nothing.
static int urgent_is_handled(void) {
	struct sigaction cur;
	if (sigaction(SIGURG, NULL, &cur) != 0) return -1;
	return cur.sa_handler != SIG_DFL;
}
*/
import "C"

// IgnorePipes makes writes to closed pipes return EPIPE instead of killing the process.
func IgnorePipes() { C.ignore_broken_pipes() }

// UrgentHandled reports whether something handles SIGURG (the Go runtime does).
func UrgentHandled() bool { return C.urgent_is_handled() == 1 }
