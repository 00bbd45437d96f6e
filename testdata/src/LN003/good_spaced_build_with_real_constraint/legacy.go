// go:build !go1.18
// +build !go1.18

// Without a //go:build line Go still reads the +build line, so this file stays excluded
// from Go 1.18 and newer; the spaced copy above it changes nothing.
package table

// Width is the column width on old toolchains.
const Width = 72
