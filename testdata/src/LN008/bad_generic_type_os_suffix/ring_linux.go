//go:build go1.18

package ring

type Ring[T any] struct { // want LN008
	buf []T
}

func (r *Ring[T]) Push(v T) { r.buf = append(r.buf, v) } // want LN008
