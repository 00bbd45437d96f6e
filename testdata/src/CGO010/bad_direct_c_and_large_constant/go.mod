module example.com/bad_direct_c_and_large_constant

go 1.19
