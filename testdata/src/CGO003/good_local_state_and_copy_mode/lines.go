// Package lines counts lines in C and loads documents into C-owned copies.
package lines

/*
#include <stddef.h>
#include <stdlib.h>

#define KEEP_BY_COPY 2

struct doc {
	const char *body;
	char *owned;
};

int count_lines(const char *text, size_t n);
int doc_load(struct doc *d, const char *body, size_t n, int mode);
int doc_load_copy(struct doc *d, const char *body, size_t n);
*/
import "C"

import "unsafe"

// Count returns the number of newlines in b.
func Count(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	return int(C.count_lines((*C.char)(unsafe.Pointer(&b[0])), C.size_t(len(b))))
}

// Load copies b into a C document.
func Load(d *C.struct_doc, b []byte) bool {
	return C.doc_load(d, (*C.char)(unsafe.Pointer(&b[0])), C.size_t(len(b)), C.KEEP_BY_COPY) == 0
}

// LoadCopy does the same through the C convenience wrapper.
func LoadCopy(d *C.struct_doc, b []byte) bool {
	return C.doc_load_copy(d, (*C.char)(unsafe.Pointer(&b[0])), C.size_t(len(b))) == 0
}
