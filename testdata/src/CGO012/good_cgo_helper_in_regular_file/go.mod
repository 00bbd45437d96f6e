module example.com/good_cgo_helper_in_regular_file

go 1.19
