module example.com/r2gg

go 1.22
