module example.com/bad_read_into_token

go 1.19
