module example.com/bad_cond_signalled_later

go 1.19
