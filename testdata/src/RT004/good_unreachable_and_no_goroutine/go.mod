module example.com/good_unreachable_and_no_goroutine

go 1.19
