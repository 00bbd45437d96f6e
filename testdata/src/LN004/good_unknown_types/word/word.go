// Package word holds the module's fixed-size integer type.
package word

// W is 32 bits wide.
type W uint32
