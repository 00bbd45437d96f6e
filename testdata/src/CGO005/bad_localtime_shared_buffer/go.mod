module example.com/bad_localtime_shared_buffer

go 1.19
