module example.com/good_init_lock_keeps_main_on_main_thread

go 1.19
