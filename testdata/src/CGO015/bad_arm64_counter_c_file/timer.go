package timer

// #include <stdint.h>
// uint64_t virtual_count(void);
// uint64_t virtual_freq(void);
import "C"

// Seconds converts the generic timer's count to seconds.
func Seconds() float64 {
	return float64(C.virtual_count()) / float64(C.virtual_freq())
}
