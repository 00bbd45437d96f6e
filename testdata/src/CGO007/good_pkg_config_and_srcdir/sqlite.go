package sqlite

/*
#cgo pkg-config: sqlite3
#cgo CFLAGS: -I${SRCDIR}/include -DSQLITE_DEFAULT_PATH="/usr/local/share/db" -Wall
#cgo LDFLAGS: ${SRCDIR}/lib/libshim.a -Wl,-rpath,/usr/local/lib -lm
#include <sqlite3.h>
*/
import "C"

func Version() string { return C.GoString(C.sqlite3_libversion()) }
