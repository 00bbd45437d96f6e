module example.com/bad_thread_exhaustion

go 1.19
