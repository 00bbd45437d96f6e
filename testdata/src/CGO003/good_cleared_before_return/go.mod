module example.com/good_cleared_before_return

go 1.19
