//go:build !amd64 && !arm64

#include <stdatomic.h>

void full_fence(void) {
	atomic_thread_fence(memory_order_seq_cst);
}
