module example.com/good_c_filled_pointer_field

go 1.19
