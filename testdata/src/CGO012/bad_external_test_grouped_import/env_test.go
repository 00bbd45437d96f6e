package env_test

// #include <stdlib.h>
import (
	"C" // want CGO012
	"testing"
	"unsafe"

	"example.com/bad_external_test_grouped_import"
)

func TestHomeAgreesWithC(t *testing.T) {
	name := C.CString("HOME")
	defer C.free(unsafe.Pointer(name))
	if env.Home() != C.GoString(C.getenv(name)) {
		t.Fatal("HOME differs")
	}
}
