package clock

/*
#include <time.h>
*/
import "C"

import "sync"

type Clock struct {
	mu sync.RWMutex
}

// UTCHour serializes gmtime and the read of its static result with the clock's mutex.
func (c *Clock) UTCHour(sec int64) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := C.time_t(sec)
	return int(C.gmtime(&t).tm_hour)
}

var envMu sync.Mutex

// Stamp brackets asctime with Lock and Unlock.
func Stamp(sec int64) string {
	t := C.time_t(sec)
	envMu.Lock()
	s := C.GoString(C.asctime(C.localtime(&t)))
	envMu.Unlock()
	return s
}
