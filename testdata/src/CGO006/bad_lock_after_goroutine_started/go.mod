module example.com/bad_lock_after_goroutine_started

go 1.19
