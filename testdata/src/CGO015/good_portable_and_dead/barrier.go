package barrier

/*
// A compiler barrier: no instruction, nothing architecture-specific.
static void compiler_barrier(void) { __asm__ __volatile__("" ::: "memory"); }

static void do_nothing(void) { asm volatile("nop"); }

#if 0
static void old_pause(void) { __asm__ volatile("pause"); }
#endif

// Defined but never expanded anywhere.
#define UNUSED_SERIALIZE() __asm__ volatile("cpuid" ::: "eax", "ebx", "ecx", "edx")
*/
import "C"

// Barrier stops the C compiler from moving memory accesses across it.
func Barrier() {
	C.compiler_barrier()
	C.do_nothing()
}
