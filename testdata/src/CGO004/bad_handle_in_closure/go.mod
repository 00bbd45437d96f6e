module example.com/bad_handle_in_closure

go 1.19
