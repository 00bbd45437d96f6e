module example.com/bad_test_file_joins

go 1.19
