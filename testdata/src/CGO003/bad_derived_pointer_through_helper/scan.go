// Package scan walks a byte string with a C cursor.
package scan

// void scan_begin(const char *text, int len, int skip);
// int scan_next(void);
import "C"

import u "unsafe"

// Begin positions the cursor after a 4-byte header of data.
func Begin(data []byte) {
	header := 4
	C.scan_begin((*C.char)(u.Pointer(&data[0])), C.int(len(data)), C.int(header)) // want CGO003
}

// Next returns the next byte, or -1 at the end.
func Next() int { return int(C.scan_next()) }
