package exec

/*
#include <stddef.h>
#include <stdlib.h>

struct config {
	const char *name;
	void *data;
	size_t len;
};

static int run_argv(char **argv) { return argv[0] != NULL; }
static int apply(struct config *cfg) { return (int)cfg->len; }
*/
import "C"

import "unsafe"

// Run builds argv from Go byte slices instead of C strings.
func Run(args []string) int {
	argv := make([]*C.char, len(args)+1)
	for i, a := range args {
		b := append([]byte(a), 0)
		argv[i] = (*C.char)(unsafe.Pointer(&b[0]))
	}
	return int(C.run_argv(&argv[0])) // want CGO002
}

// Apply points a C struct living in Go memory at a Go buffer.
func Apply(name string, payload []byte) int {
	var cfg C.struct_config
	cfg.name = C.CString(name)
	defer C.free(unsafe.Pointer(cfg.name))
	buf := make([]byte, len(payload))
	copy(buf, payload)
	cfg.data = unsafe.Pointer(&buf[0])
	cfg.len = C.size_t(len(buf))
	return int(C.apply(&cfg)) // want CGO002
}
