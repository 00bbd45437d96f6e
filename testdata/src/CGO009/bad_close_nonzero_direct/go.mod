module example.com/bad_close_nonzero_direct

go 1.19
