module example.com/good_c_shared_host_symbols

go 1.19
