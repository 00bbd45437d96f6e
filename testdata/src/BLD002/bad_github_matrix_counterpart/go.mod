module example.com/hasher

go 1.21
