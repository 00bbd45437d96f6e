module example.com/good_worker_pool_fixed_count

go 1.19
