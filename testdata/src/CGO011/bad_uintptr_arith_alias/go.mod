module example.com/bad_uintptr_arith_alias

go 1.20
