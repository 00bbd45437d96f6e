module example.com/cabort

go 1.19
