package main

var feed = make(chan int)

var _ = startFeed()

func startFeed() bool {
	go func() { feed <- 7 }()
	return true
}
