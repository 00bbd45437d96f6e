package fence

/*
void full_fence(void);
void cpu_pause(void);
*/
import "C"

// Full orders every memory access before it against every one after it.
func Full() { C.full_fence() }

// Pause hints the CPU that the caller is spinning.
func Pause() { C.cpu_pause() }
