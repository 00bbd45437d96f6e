// Package reap collects exited children from C.
package reap

/*
#include <signal.h>
#include <stddef.h>
#include <sys/wait.h>

static volatile sig_atomic_t reaped;

static void on_child(int sig) {
	(void)sig;
	while (waitpid(-1, NULL, WNOHANG) > 0) reaped++;
}

static int reap_children(void) {
	return sigaction(SIGCHLD, &(struct sigaction){ .sa_handler = on_child, .sa_flags = SA_NOCLDSTOP | SA_RESTART }, NULL); // want CGO013
}
*/
import "C"

// Install starts reaping children in C.
func Install() bool { return C.reap_children() == 0 }
