module example.com/bad_open_survives_exec

go 1.19
