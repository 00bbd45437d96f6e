//go:build !linux

package walk

// Names is not supported here.
func Names(dir string) ([]string, error) { return nil, nil }
