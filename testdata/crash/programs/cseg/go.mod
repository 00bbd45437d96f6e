module example.com/cseg

go 1.19
