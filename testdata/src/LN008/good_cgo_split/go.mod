module example.com/good_cgo_split

go 1.19
