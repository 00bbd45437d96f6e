package label

// #include <stdlib.h>
// #include <string.h>
// static size_t label_width(const char *s) { return strlen(s); }
// static void label_show(const char *s, const void *extra) { (void)s; (void)extra; }
import "C"

import "fmt"

// Width measures the label in C; the temporary copy is never released.
func Width(s string) int {
	return int(C.label_width(C.CString(s))) // want CGO001
}

// Show leaks two allocations per call.
func Show(s string, raw []byte) {
	C.label_show(
		C.CString(s), // want CGO001
		C.CBytes(raw), // want CGO001
	)
}

// Debug hands the pointer to fmt, which copies nothing and frees nothing.
func Debug(s string) {
	fmt.Println(C.CString(s)) // want CGO001
}
