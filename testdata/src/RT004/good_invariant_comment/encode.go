package encode

import (
	"encoding/binary"
	"errors"
	"io"
)

var errShort = errors.New("short record")

// record encodes a fixed-size record; it only fails when given fewer than 8 bytes.
func record(dst []byte, v uint64) error {
	if len(dst) < 8 {
		return errShort
	}
	binary.LittleEndian.PutUint64(dst, v)
	return nil
}

// Stream encodes values in the background. The buffer is always 8 bytes long, so record
// cannot fail; the panic documents that invariant rather than handling an error.
func Stream(values <-chan uint64, w io.Writer, done chan<- error) {
	go func() {
		buf := make([]byte, 8)
		for v := range values {
			if err := record(buf, v); err != nil {
				// The buffer is allocated above with the right size: this should never
				// happen unless record's contract changes.
				panic("encode: " + err.Error())
			}
			if _, err := w.Write(buf); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
}

// Fill starts a worker whose only panic marks a state the caller rules out.
func Fill(dst [][]byte, v uint64) {
	go func() {
		for _, b := range dst {
			if len(b) < 8 {
				panic(errShort) // impossible: Fill's callers pass 8-byte buffers
			}
			binary.LittleEndian.PutUint64(b, v)
		}
	}()
}
