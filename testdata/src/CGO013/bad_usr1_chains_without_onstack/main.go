// Command reload logs SIGUSR1 in C and then hands it to Go, but its handler was installed
// without SA_ONSTACK.
package main

/*
#include <signal.h>
#include <string.h>

static struct sigaction before_us;
static volatile int reloads;

static void on_reload(int sig, siginfo_t *info, void *uc) {
	reloads++;
	if (before_us.sa_flags & SA_SIGINFO)
		before_us.sa_sigaction(sig, info, uc);
	else if (before_us.sa_handler != SIG_DFL && before_us.sa_handler != SIG_IGN)
		before_us.sa_handler(sig);
}

static void install_reload_hook(void) {
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sa.sa_sigaction = on_reload;
	sigaction(SIGUSR1, &sa, &before_us); // want CGO013
}
*/
import "C"

import (
	"fmt"
	"runtime"
	"syscall"
)

func main() {
	runtime.LockOSThread()
	C.install_reload_hook()
	// Deliver the signal to this thread while it runs Go code on a goroutine stack.
	if err := syscall.Tgkill(syscall.Getpid(), syscall.Gettid(), syscall.SIGUSR1); err != nil {
		fmt.Println("tgkill:", err)
	}
	fmt.Println("reloaded")
}
