package sock

/*
#include <sys/socket.h>
*/
import "C"

import "errors"

func Open() (int, error) {
	s := C.socket(C.AF_INET, C.SOCK_STREAM, 0) // want CGO009
	if 0 > s {
		return -1, errors.New("socket failed")
	}
	if r := C.listen(s, 16); -1 == r { // want CGO009
		return -1, errors.New("listen failed")
	}
	return int(s), nil
}
