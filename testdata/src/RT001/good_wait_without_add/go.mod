module example.com/good_wait_without_add

go 1.19
