package crawler

var (
	fetchers int
	fetched  = make(chan string)
)
