// A request struct whose payload field points into the Go heap is handed to C as void*.
// cgo's default check sees a Go pointer inside the Go memory it was given and panics.
package main

/*
#include <stdint.h>

static int32_t request_id(void *req) { return *(int32_t *)req; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

type request struct {
	id      int32
	payload []byte
}

func send(id int32, size int) int32 {
	req := request{id: id, payload: make([]byte, size)}
	return int32(C.request_id(unsafe.Pointer(&req))) // want CGO002
}

func main() {
	fmt.Println("sent", send(7, 1<<16))
}
