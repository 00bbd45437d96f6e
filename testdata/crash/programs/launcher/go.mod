module example.com/launcher

go 1.19
