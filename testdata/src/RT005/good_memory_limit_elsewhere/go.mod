module example.com/good_memory_limit_elsewhere

go 1.19
