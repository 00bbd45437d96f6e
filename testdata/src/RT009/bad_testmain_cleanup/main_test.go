package store

import (
	"os"
	"testing"
)

var scratch string

func removeScratch() {
	os.RemoveAll(scratch)
}

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "store-test-")
	if err != nil {
		os.Exit(2)
	}
	scratch = dir
	Root = dir
	defer removeScratch()
	os.Exit(m.Run()) // want RT009
}

func TestRoot(t *testing.T) {
	if Root == "" {
		t.Fatal("no root")
	}
}
