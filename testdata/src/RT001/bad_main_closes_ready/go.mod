module example.com/bad_main_closes_ready

go 1.19
