module example.com/bad_c11_thread_callback

go 1.19
