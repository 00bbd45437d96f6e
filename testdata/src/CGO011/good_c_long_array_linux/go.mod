module example.com/good_c_long_array_linux

go 1.19
