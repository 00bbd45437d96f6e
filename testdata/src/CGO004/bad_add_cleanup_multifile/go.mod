module example.com/bad_add_cleanup_multifile

go 1.24
