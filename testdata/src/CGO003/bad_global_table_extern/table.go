package table

// #include "table.h"
import "C"

var weights [256]C.int

func init() {
	for i := range weights {
		weights[i] = C.int(i * 3)
	}
}

// Install makes the Go weight table the one C looks up.
func Install() {
	C.table_use(&weights[0]) // want CGO003
}

// Lookup asks C for weight i.
func Lookup(i int) int { return int(C.table_lookup(C.int(i))) }
