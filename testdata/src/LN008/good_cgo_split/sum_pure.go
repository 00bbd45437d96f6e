//go:build go1.18 && !cgo

package vsum

func sum3(a, b, c int) int { return a + b + c }
