module example.com/good_wrapper_defined_in_c

go 1.19
