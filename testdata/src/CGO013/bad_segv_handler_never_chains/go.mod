module example.com/bad_segv_handler_never_chains

go 1.19
