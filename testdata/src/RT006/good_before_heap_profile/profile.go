package diag

import (
	"os"
	"runtime"
	"runtime/pprof"
)

func WriteHeap(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	runtime.GC() // up-to-date statistics
	return pprof.WriteHeapProfile(f)
}

func WriteAllocs(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	p := pprof.Lookup("allocs")
	runtime.GC()
	return p.WriteTo(f, 0)
}
