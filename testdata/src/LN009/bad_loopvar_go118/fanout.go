// want-below LN009
//go:build go1.18

package fanout

import "sync"

// Each launches one goroutine per job. The go1.18 tag puts this file back on go1.21
// semantics, so every goroutine may see the same (last) job.
func Each(jobs []string, do func(string)) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			do(job)
		}()
	}
	wg.Wait()
}
