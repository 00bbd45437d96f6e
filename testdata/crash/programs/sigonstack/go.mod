module example.com/sigonstack

go 1.19
