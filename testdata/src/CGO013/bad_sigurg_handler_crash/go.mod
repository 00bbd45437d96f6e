module example.com/bad_sigurg_handler_crash

go 1.19
