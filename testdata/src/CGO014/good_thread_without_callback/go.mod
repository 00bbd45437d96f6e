module example.com/good_thread_without_callback

go 1.19
