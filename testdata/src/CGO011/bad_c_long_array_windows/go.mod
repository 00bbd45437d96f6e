module example.com/bad_c_long_array_windows

go 1.19
