module example.com/bad_char_param_goes_unnoticed

go 1.19
