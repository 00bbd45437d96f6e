//go:build go1.24 && !go1.26 && !goexperiment.swissmap

package layout

// Go 1.24 and 1.25 built with GOEXPERIMENT=noswissmap.
const groupSlots = 8
