module example.com/bad_flag_value_aliased

go 1.19
