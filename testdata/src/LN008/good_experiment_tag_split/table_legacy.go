//go:build !go1.24

package layout

// Bucket maps (Go 1.23 and older): GOEXPERIMENT=swissmap does not exist there, so the
// goexperiment.swissmap tag never holds on these releases.
const groupSlots = 8
