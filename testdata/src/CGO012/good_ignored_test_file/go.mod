module example.com/good_ignored_test_file

go 1.19
