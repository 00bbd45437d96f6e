// Package mapped records SIGBUS on a truncated mapping, then lets the previous handler run.
package mapped

/*
#include <signal.h>
#include <string.h>

static struct sigaction previous_bus;
static volatile sig_atomic_t bus_errors;

static void put_back(int sig) {
	sigaction(sig, &previous_bus, NULL);
}

static void on_bus(int sig, siginfo_t *info, void *uc) {
	(void)info;
	(void)uc;
	bus_errors++;
	put_back(sig);
	raise(sig);
}

static void mapped_guard(void) {
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_ONSTACK | SA_SIGINFO | SA_NODEFER;
	sa.sa_sigaction = on_bus;
	sigaction(SIGBUS, &sa, &previous_bus);
}
*/
import "C"

// Guard installs the SIGBUS recorder.
func Guard() { C.mapped_guard() }
