#include "_cgo_export.h"

/* Runs on whatever thread calls it: here a goroutine's thread, inside a cgo call. */
void event_loop(int rounds) {
	for (int i = 0; i < rounds; i++) goHandleEvent(i);
}
