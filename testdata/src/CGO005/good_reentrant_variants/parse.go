package parse

/*
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <dirent.h>
*/
import "C"

import "unsafe"

// Words uses strtok_r with a save pointer owned by this call.
func Words(line string) int {
	buf := C.CString(line)
	defer C.free(unsafe.Pointer(buf))
	sep := C.CString(" ")
	defer C.free(unsafe.Pointer(sep))
	var save *C.char
	n := 0
	for tok := C.strtok_r(buf, sep, &save); tok != nil; tok = C.strtok_r(nil, sep, &save) {
		n++
	}
	return n
}

// Hour fills a caller-owned struct tm.
func Hour(sec int64) int {
	t := C.time_t(sec)
	var tm C.struct_tm
	C.localtime_r(&t, &tm)
	return int(tm.tm_hour)
}

// Entries reads a directory stream this call opened itself; no other goroutine can see it.
func Entries(path string) int {
	p := C.CString(path)
	defer C.free(unsafe.Pointer(p))
	d := C.opendir(p)
	if d == nil {
		return -1
	}
	defer C.closedir(d)
	n := 0
	for e := C.readdir(d); e != nil; e = C.readdir(d) {
		n++
	}
	return n
}
