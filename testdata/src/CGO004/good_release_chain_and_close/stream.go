package stream

/*
#include <stdlib.h>
typedef struct stream { long pos; } stream;
static stream *stream_open(void) { return calloc(1, sizeof(stream)); }
static void stream_close(stream *s) { free(s); }
static long stream_read(stream *s, long n) { s->pos += n; return s->pos; }
static long stream_tell(stream *s) { return s->pos; }
*/
import "C"

import "runtime"

type Stream struct {
	s     *C.stream
	reads int
}

func Open() *Stream {
	st := &Stream{s: C.stream_open()}
	runtime.SetFinalizer(st, func(st *Stream) { st.shutdown() })
	return st
}

// shutdown runs from the finalizer: it is the release, not a use to judge.
func (st *Stream) shutdown() {
	C.stream_close(st.s)
}

// KeepAlive after the call.
func (st *Stream) Read(n int) int64 {
	pos := C.stream_read(st.s, C.long(n))
	runtime.KeepAlive(st)
	return int64(pos)
}

// A deferred use keeps the owner alive until return.
func (st *Stream) Tell() int64 {
	defer runtime.KeepAlive(st)
	return int64(C.stream_tell(st.s))
}

// A later use of the owner.
func (st *Stream) Skip(n int) {
	C.stream_read(st.s, C.long(n))
	st.reads++
}

// In a loop that loads the handle again on every iteration.
func (st *Stream) Drain(times int) (last int64) {
	for i := 0; i < times; i++ {
		last = int64(C.stream_read(st.s, 1))
	}
	return last
}

// Close clears the finalizer before releasing explicitly.
func (st *Stream) Close() {
	runtime.SetFinalizer(st, nil)
	C.stream_close(st.s)
}
