//go:build go1.19 && !windows

package ring

// Ring is a growable FIFO.
type Ring[T any] struct {
	buf []T
}

func (r *Ring[T]) Push(v T) { r.buf = append(r.buf, v) }
