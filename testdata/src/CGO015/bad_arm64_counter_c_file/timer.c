#include <stdint.h>

uint64_t virtual_count(void) {
	uint64_t v;
	asm volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v)); /* want CGO015 */
	return v;
}

uint64_t virtual_freq(void) {
	uint64_t f;
	asm volatile("mrs %0, cntfrq_el0" : "=r"(f)); /* want CGO015 */
	return f;
}
