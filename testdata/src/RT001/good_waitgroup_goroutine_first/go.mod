module example.com/good_waitgroup_goroutine_first

go 1.19
