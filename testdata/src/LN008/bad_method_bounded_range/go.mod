module example.com/bad_method_bounded_range

go 1.19
