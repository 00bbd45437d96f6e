module example.com/good_var_initializer_starts_feed

go 1.19
