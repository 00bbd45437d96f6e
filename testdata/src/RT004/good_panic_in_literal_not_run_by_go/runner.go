package runner

import "errors"

var errStop = errors.New("stop")

// Start runs fn on a goroutine and reports its failure instead of crashing.
func Start(fn func() error) <-chan error {
	out := make(chan error, 1)
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	go func() {
		out <- fn()
	}()
	must(nil)
	return out
}

func Stop() error { return errStop }
