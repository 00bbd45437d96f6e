module example.com/bad_single_import

go 1.19
