package probe

import (
	osx "os"
)

// want-below LN003
//go:build linux

// SelfExe names the running binary through procfs.
func SelfExe() (string, error) { return osx.Readlink("/proc/self/exe") }
