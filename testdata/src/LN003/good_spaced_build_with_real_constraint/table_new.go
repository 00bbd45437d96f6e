// go:build go1.18
//go:build go1.18

// The spaced line above is a leftover; the real //go:build line right after it decides.
package table

// Width is the column width on newer toolchains.
const Width = 80
