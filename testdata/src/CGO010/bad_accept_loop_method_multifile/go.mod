module example.com/bad_accept_loop_method_multifile

go 1.19
