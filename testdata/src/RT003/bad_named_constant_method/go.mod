module example.com/bad_named_constant_method

go 1.19
