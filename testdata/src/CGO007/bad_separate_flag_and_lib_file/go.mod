module example.com/bad_separate_flag_and_lib_file

go 1.19
