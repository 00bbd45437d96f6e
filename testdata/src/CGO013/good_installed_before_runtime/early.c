#include <signal.h>
#include <string.h>
#include <unistd.h>

static void on_native_fault(int sig) {
	static const char msg[] = "native fault\n";
	(void)sig;
	write(2, msg, sizeof msg - 1);
	_exit(3);
}

/* Runs before the Go runtime starts: Go finds this handler, installs its own and forwards
   faults that happen outside Go code to it. */
__attribute__((constructor)) static void early_handlers(void) {
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_native_fault;
	sigaction(SIGSEGV, &sa, NULL);
}
