module example.com/good_goroutine_sends_first

go 1.19
