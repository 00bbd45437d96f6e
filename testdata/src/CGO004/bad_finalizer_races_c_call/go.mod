module example.com/bad_finalizer_races_c_call

go 1.19
