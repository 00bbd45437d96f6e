package quiet

// #include <signal.h>
//
// static void quiet_urgent(void) {
//	signal(SIGURG, SIG_IGN); // want CGO013
// }
import "C"

// Silence stops the process from reacting to urgent socket data.
func Silence() { C.quiet_urgent() }
