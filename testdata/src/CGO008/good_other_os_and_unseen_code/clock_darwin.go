package native

/*
#include <stdint.h>

// libSystem provides it on macOS; nothing needs to be linked.
uint64_t mach_absolute_time(void);
*/
import "C"

// Ticks returns the Mach absolute time.
func Ticks() uint64 { return uint64(C.mach_absolute_time()) }
