module example.com/bad_goos_specific_conventional_is_info

go 1.19
