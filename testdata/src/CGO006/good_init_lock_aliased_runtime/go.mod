module example.com/good_init_lock_aliased_runtime

go 1.19
