//go:build go1.23

package mixed

import "iter"

// A higher tag raises the file; that is the intended use.
func Seq() iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range 3 {
			if !yield(i) {
				return
			}
		}
	}
}
