// Package plugin declares a hook without a body; the program supplies it.
package plugin

func greeting() string

// Greet returns the greeting the program pushed into this package.
func Greet() string { return greeting() }
