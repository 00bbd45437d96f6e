module example.com/bad_worker_loop_bound

go 1.19
