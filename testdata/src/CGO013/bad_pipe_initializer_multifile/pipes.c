#include <signal.h>

static struct sigaction old_pipe;
static volatile sig_atomic_t broken_pipes;

static void count_broken_pipe(int sig) {
	(void)sig;
	broken_pipes++;
}

void pipes_watch(void) {
	struct sigaction sa = { .sa_handler = count_broken_pipe, .sa_flags = SA_RESTART };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGPIPE, &sa, &old_pipe); /* want CGO013 */
}

int pipes_broken(void) { return broken_pipes; }
