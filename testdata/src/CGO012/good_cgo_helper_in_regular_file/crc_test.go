package crc

import "testing"

func TestSumMatchesC(t *testing.T) {
	in := []byte("hello")
	if Sum(in) != refSum(in) {
		t.Fatal("mismatch")
	}
}
