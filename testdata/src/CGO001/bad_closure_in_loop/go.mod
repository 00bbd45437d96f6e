module example.com/bad_closure_in_loop

go 1.21
