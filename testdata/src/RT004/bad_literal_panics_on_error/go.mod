module example.com/bad_literal_panics_on_error

go 1.19
