module example.com/bad_push_nanotime

go 1.19
