module example.com/good_flat_and_c_memory

go 1.19
