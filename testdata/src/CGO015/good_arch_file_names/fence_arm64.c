void full_fence(void) {
	__asm__ __volatile__("dmb ish" ::: "memory");
}
