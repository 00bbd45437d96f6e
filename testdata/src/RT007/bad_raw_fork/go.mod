module example.com/bad_raw_fork

go 1.19
