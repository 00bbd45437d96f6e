package main

import (
	"fmt"
	_ "unsafe"
)

// The widely pulled helpers LN007 leaves to LN004-LN006.

//go:linkname nanotime runtime.nanotime
func nanotime() int64

//go:linkname fastrandn runtime.fastrandn
func fastrandn(n uint32) uint32

//go:linkname cheaprand64 runtime.cheaprand64
func cheaprand64() int64

//go:linkname spin runtime.procyield
func spin(cycles uint32)

//go:linkname wallclock time.now
func wallclock() (sec int64, nsec int32, mono int64)

func main() {
	spin(4)
	sec, _, _ := wallclock()
	fmt.Println(nanotime() > 0, fastrandn(3) < 3, cheaprand64() >= 0, sec > 0)
}
