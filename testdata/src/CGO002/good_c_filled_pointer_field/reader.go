package capture

import "unsafe"

// Reader exposes the packet the capture library last returned. data always points into the
// library's own ring buffer: only the library writes the field.
type Reader struct {
	data *uint8
	n    int
}

// Bytes views the current packet without copying it.
func (r *Reader) Bytes() []byte {
	if r.data == nil {
		return nil
	}
	return unsafe.Slice(r.data, r.n)
}
