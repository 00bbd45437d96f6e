package vendorlib

// // want-below CGO007
// #cgo LDFLAGS: -L /opt/acme/sdk/lib -lacme
// // want-below CGO007
// #cgo LDFLAGS: /usr/local/lib/libacme_extra.a
// // want-below CGO007
// #cgo CPPFLAGS: -isystem /srv/toolchains/acme/include
// int acme_ready(void);
import "C"

func Ready() bool { return C.acme_ready() != 0 }
