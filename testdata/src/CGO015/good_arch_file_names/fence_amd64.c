void full_fence(void) {
	__asm__ __volatile__("mfence" ::: "memory");
}
