//go:build go1.26 || goexperiment.swissmap

package layout

// Swiss tables: the default from Go 1.24 (the experiment), the only implementation from 1.26.
const groupSlots = 8
