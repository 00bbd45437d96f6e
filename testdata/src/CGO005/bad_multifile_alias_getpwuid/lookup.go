package users

// #include <pwd.h>
import "C"

import "errors"

// Name looks a user up with the non-reentrant getpwuid.
func Name(id uint32) (string, error) {
	pw := C.getpwuid(uid(id)) // want CGO005
	if pw == nil {
		return "", errors.New("no such user")
	}
	return C.GoString(pw.pw_name), nil
}

// Home is fine on its own thread only if no other goroutine calls getpwuid meanwhile.
var Home = func(id uint32) string {
	if pw := C.getpwuid(uid(id)); pw != nil { // want CGO005
		return C.GoString(pw.pw_dir)
	}
	return ""
}
