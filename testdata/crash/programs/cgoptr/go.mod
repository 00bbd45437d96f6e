module example.com/cgoptr

go 1.19
