module example.com/bad_named_trap_method

go 1.19
