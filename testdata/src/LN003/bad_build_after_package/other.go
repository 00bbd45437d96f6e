//go:build !linux

package probe

import "os"

// SelfExe names the running binary.
func SelfExe() (string, error) { return os.Executable() }
