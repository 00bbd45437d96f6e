// Package api leaves its greeting to whichever package provides it.
package api

func greeting() string

// Greet returns the provided greeting.
func Greet() string { return greeting() }
