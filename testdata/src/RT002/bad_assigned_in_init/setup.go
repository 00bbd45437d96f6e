package crawler

import "runtime"

func init() {
	fetchers = runtime.NumCPU() * 4 // want RT002
}

// Crawl starts one fetcher goroutine per slot.
func Crawl(urls <-chan string) {
	for i := 0; i < fetchers; i++ {
		go func() {
			for u := range urls {
				fetched <- u
			}
		}()
	}
}
