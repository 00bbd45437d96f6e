module example.com/good_local_constant_count

go 1.19
