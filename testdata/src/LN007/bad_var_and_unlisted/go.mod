module example.com/bad_var_and_unlisted

go 1.21
