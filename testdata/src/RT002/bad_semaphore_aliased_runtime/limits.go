package fetch

import rt "runtime"

var (
	maxInFlight = rt.GOMAXPROCS(0) // want RT002
	userAgent   = "fetcher/1.0"
)
