module example.com/bad_static_keeps_buffer_reused

go 1.19
