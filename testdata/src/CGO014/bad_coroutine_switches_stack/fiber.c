#include <pthread.h>
#include <stdlib.h>
#include <ucontext.h>
#include "_cgo_export.h"

static ucontext_t main_ctx, fiber_ctx;

static void fiber_body(void) {
	goFiberStep(1);
	swapcontext(&fiber_ctx, &main_ctx);
	goFiberStep(2);
}

static void *fiber_thread(void *arg) {
	(void)arg;
	char *stack = malloc(64 * 1024);
	getcontext(&fiber_ctx);
	fiber_ctx.uc_stack.ss_sp = stack;
	fiber_ctx.uc_stack.ss_size = 64 * 1024;
	fiber_ctx.uc_link = &main_ctx;
	makecontext(&fiber_ctx, fiber_body, 0);
	swapcontext(&main_ctx, &fiber_ctx);
	swapcontext(&main_ctx, &fiber_ctx);
	free(stack);
	return NULL;
}

int fiber_run(void) {
	pthread_t t;
	if (pthread_create(&t, NULL, fiber_thread, NULL) != 0) return -1; /* want CGO014 */
	return pthread_join(t, NULL);
}
