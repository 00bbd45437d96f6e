package store

/*
#include <stdlib.h>
typedef struct store { int hooks; } store;
typedef struct cursor { store *s; int at; } cursor;
static store *store_open(void) { return calloc(1, sizeof(store)); }
static void store_close(store *s) { free(s); }
static int cursor_open(cursor **out, store *s) {
	*out = calloc(1, sizeof(cursor));
	if (*out == NULL) return -1;
	(*out)->s = s;
	return 0;
}
static void cursor_close(cursor *c) { free(c); }
static void store_set_hook(store *s, void *token) { s->hooks += token != NULL; }
*/
import "C"

import (
	"runtime"
	"sync"
	"unsafe"
)

// Store owns a C handle that its finalizer closes.
type Store struct {
	h *C.store
}

func Open() *Store {
	s := &Store{h: C.store_open()}
	runtime.SetFinalizer(s, func(s *Store) { C.store_close(s.h) })
	return s
}

// Cursor keeps a reference to its store.
type Cursor struct {
	store *Store
	c     *C.cursor
}

// Cursor: the new cursor holds s, and the cursor itself is passed to the call (&cur.c) and
// returned afterwards, so s stays reachable while C runs.
func (s *Store) Cursor() (*Cursor, bool) {
	cur := &Cursor{store: s}
	if C.cursor_open(&cur.c, s.h) != 0 {
		return nil, false
	}
	runtime.SetFinalizer(cur, func(cur *Cursor) { C.cursor_close(cur.c) })
	return cur, true
}

type hookEntry struct {
	owner *Store
	fn    func()
}

var (
	hooksMu sync.Mutex
	hooks   = map[uintptr]hookEntry{}
)

// register files the store in a package-level table: it stays reachable from there.
func register(s *Store, fn func()) unsafe.Pointer {
	p := C.malloc(1)
	entry := hookEntry{owner: s, fn: fn}
	hooksMu.Lock()
	hooks[uintptr(p)] = entry
	hooksMu.Unlock()
	return p
}

// OnChange: the store is handed to register, which keeps it, before C runs.
func (s *Store) OnChange(fn func()) {
	C.store_set_hook(s.h, register(s, fn))
}
