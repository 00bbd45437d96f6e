module example.com/bad_assigned_in_init

go 1.19
