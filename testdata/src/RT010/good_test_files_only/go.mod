module example.com/good_test_files_only

go 1.19
