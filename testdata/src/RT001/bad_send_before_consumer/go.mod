module example.com/bad_send_before_consumer

go 1.19
