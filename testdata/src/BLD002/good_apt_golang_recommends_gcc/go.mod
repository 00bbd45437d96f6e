module example.com/resize

go 1.22
