// Package guard notes native faults and then lets the Go runtime handle them.
package guard

/*
#include <signal.h>
#include <string.h>
#include <unistd.h>

static struct sigaction go_segv;

static void note_fault(int sig, siginfo_t *info, void *uc) {
	static const char msg[] = "guard: fault\n";
	write(2, msg, sizeof msg - 1);
	go_segv.sa_sigaction(sig, info, uc);
}

static int guard_install(void) {
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_ONSTACK | SA_SIGINFO | SA_RESTART;
	sa.sa_sigaction = note_fault;
	return sigaction(SIGSEGV, &sa, &go_segv);
}
*/
import "C"

// Install chains a fault note in front of Go's own SIGSEGV handler.
func Install() bool { return C.guard_install() == 0 }
