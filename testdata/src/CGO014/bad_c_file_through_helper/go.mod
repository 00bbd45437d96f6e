module example.com/bad_c_file_through_helper

go 1.19
