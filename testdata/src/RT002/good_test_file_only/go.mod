module example.com/good_test_file_only

go 1.19
