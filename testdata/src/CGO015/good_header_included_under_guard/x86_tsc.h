static inline unsigned long long read_tsc(void) {
	unsigned int lo, hi;
	__asm__ volatile("rdtscp" : "=a"(lo), "=d"(hi) :: "ecx");
	return ((unsigned long long)hi << 32) | lo;
}
