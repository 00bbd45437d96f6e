#include <signal.h>
#include <string.h>

static volatile sig_atomic_t dump_requested;

static void on_dump(int sig, siginfo_t *info, void *uc) {
	(void)sig;
	(void)info;
	(void)uc;
	dump_requested = 1;
}

int dump_install(void) {
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_SIGINFO;
	sa.sa_flags |= SA_ONSTACK | SA_RESTART;
	sa.sa_sigaction = on_dump;
	return sigaction(SIGUSR2, &sa, NULL);
}

int dump_pending(void) { return dump_requested; }
