module example.com/bad_write_read_variables_method

go 1.19
