//go:build go1.18

package batch

import "testing"

// go build ignores this file, but go test and go vet compile it together with batch.go.
var maxBatch = 8 // want LN008

func TestSplit(t *testing.T) {
	if got := len(Split(make([]int, 3*maxBatch))); got != 3 {
		t.Fatalf("got %d batches", got)
	}
}
