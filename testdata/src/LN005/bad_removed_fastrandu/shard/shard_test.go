package shard

import "testing"

func TestPick(t *testing.T) {
	if Pick(4) >= 4 {
		t.Fatal("out of range")
	}
}
