module example.com/good_main_locks_before_anything

go 1.19
