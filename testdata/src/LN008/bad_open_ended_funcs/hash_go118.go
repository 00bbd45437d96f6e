//go:build go1.18

package hashmix

var (
	seedA uint64 = 0x9e3779b97f4a7c15
	seedB uint64 = 0xbf58476d1ce4e5b9
)

// mix folds two words together; the generic-era implementation.
func mix(a, b uint64) uint64 {
	return (a ^ seedA) * (b | seedB)
}
