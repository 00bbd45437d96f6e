package fetch

import "net/http"

// FetchAll downloads every URL, at most maxInFlight at a time.
func FetchAll(urls []string) []error {
	sem := make(chan struct{}, maxInFlight)
	errs := make([]error, len(urls))
	done := make(chan int)
	for i, u := range urls {
		go func(i int, u string) {
			sem <- struct{}{}
			defer func() { <-sem; done <- i }()
			req, _ := http.NewRequest("GET", u, nil)
			req.Header.Set("User-Agent", userAgent)
			_, errs[i] = http.DefaultClient.Do(req)
		}(i, u)
	}
	for range urls {
		<-done
	}
	return errs
}
