module example.com/good_handle_not_pointer

go 1.19
