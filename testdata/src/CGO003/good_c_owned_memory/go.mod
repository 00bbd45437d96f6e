module example.com/good_c_owned_memory

go 1.19
