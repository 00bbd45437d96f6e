module example.com/bad_rand_in_goroutine_under_lock

go 1.19
