package main

// want-below LN003
//go: generate stringer -type=Mode
const greeting = "hello"
