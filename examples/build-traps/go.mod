module example.com/buildtraps

go 1.22
