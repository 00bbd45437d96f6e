module example.com/bad_push_time_now

go 1.22
