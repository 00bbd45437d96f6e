module example.com/bad_or_in_test_file

go 1.24

toolchain go1.24.2
