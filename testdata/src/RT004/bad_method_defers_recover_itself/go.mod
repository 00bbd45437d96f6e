module example.com/bad_method_defers_recover_itself

go 1.19
