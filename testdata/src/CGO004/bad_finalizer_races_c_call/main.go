// The finalizer of a DB closes (here: poisons) its C handle. Query's last use of d is loading
// d.handle, so while C is still working the GC may collect d and run the finalizer.
package main

/*
#include <stdlib.h>
#include <unistd.h>

typedef struct db { int open; } db;

static db *db_open(void) { db *d = malloc(sizeof *d); d->open = 1; return d; }
static void db_close(db *d) { d->open = 0; }   // poisons instead of freeing, so the demo is safe

// Works for a while, then reports whether the handle was closed under its feet.
static int db_query(db *d) {
	for (int i = 0; i < 50 && d->open; i++) usleep(10000);
	return d->open;
}
*/
import "C"

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"time"
)

type DB struct {
	handle *C.db
}

func Open() *DB {
	d := &DB{handle: C.db_open()}
	runtime.SetFinalizer(d, func(d *DB) { C.db_close(d.handle) })
	return d
}

func (d *DB) Query() bool {
	return C.db_query(d.handle) == 1 // want CGO004
}

func main() {
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case <-stop:
				return
			default:
				debug.FreeOSMemory()
				time.Sleep(time.Millisecond)
			}
		}
	}()
	ok := Open().Query()
	close(stop)
	if ok {
		fmt.Println("handle survived the call")
		os.Exit(1)
	}
	fmt.Println("finalizer closed the handle while C was still using it")
}
