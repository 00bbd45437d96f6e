module example.com/good_windows_and_test_files

go 1.19
