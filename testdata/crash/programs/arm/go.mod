module example.com/arm

go 1.19
