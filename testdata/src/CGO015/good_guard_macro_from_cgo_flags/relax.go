package relax

/*
#cgo amd64 386 CFLAGS: -DHAVE_X86_PAUSE
#cgo arm64 CFLAGS: -D HAVE_ARM_YIELD

static void cpu_relax(void) {
#if defined(HAVE_X86_PAUSE)
	__asm__ __volatile__("pause");
#elif defined(HAVE_ARM_YIELD)
	__asm__ __volatile__("yield");
#endif
}
*/
import "C"

// Relax hints the CPU that the caller is busy-waiting.
func Relax() { C.cpu_relax() }
