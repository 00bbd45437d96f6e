// Package fr provides a French greeting.
package fr

import _ "unsafe"

// want-below LN002
//go:linkname bonjour example.com/bad_two_pushes/api.greeting
func bonjour() string { return "bonjour" }
