package fd

// #include <unistd.h>
import "C"

import (
	"os"
	"unsafe"
)

func Close(fd int) error {
	if r, err := C.close(C.int(fd)); r != 0 {
		return os.NewSyscallError("close", err)
	}
	return nil
}

func Write(fd int, p []byte) (int, error) {
	n, err := C.write(C.int(fd), unsafe.Pointer(&p[0]), C.size_t(len(p)))
	if n < 0 {
		return 0, os.NewSyscallError("write", err)
	}
	return int(n), nil
}
