module example.com/bad_memhash

go 1.22
