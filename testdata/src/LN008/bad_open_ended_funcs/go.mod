module example.com/bad_open_ended_funcs

go 1.19
