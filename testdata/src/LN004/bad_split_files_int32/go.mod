module example.com/bad_split_files_int32

go 1.22
