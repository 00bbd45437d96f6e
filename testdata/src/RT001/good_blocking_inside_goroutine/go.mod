module example.com/good_blocking_inside_goroutine

go 1.19
