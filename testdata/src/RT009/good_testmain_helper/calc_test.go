package calc

import (
	"os"
	"testing"
)

func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "calc-")
	if err != nil {
		return 2
	}
	defer os.RemoveAll(dir)
	return m.Run()
}

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func TestAdd(t *testing.T) {
	f, err := os.CreateTemp("", "calc")
	if err != nil {
		t.Fatal(err)
	}
	defer os.Remove(f.Name())
	defer f.Close()
	if Add(1, 2) != 3 {
		t.Fatalf("bad sum")
	}
}
