module example.com/bad_sema_params

go 1.21
