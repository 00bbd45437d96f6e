module example.com/bad_bound_never_freed

go 1.20
