module example.com/nss

go 1.19
