module example.com/bad_linkname_args

go 1.19
