// Package walk lists directory entries.

// want-below LN009
//go:build linux && go1.22

package walk

import "os"

// Names returns the entry names of dir; this file is compiled as go1.22, so it cannot
// offer a range-over-func iterator although go.mod says 1.23.
func Names(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(ents))
	for i := range len(ents) {
		out = append(out, ents[i].Name())
	}
	return out, nil
}
