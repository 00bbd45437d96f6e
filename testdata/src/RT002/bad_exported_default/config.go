package config

import "runtime"

// DefaultConcurrency is how many requests a client runs at once unless told otherwise.
var DefaultConcurrency = 2 * runtime.NumCPU() // want RT002
