//go:build !amd64

package main

func lockRuntime(l uintptr) {}
