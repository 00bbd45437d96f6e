// Package mathlink exists to put the C math library on the link line of every program that imports it.
package mathlink

// #cgo LDFLAGS: -lm
import "C"
