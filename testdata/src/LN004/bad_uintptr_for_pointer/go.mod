module example.com/bad_uintptr_for_pointer

go 1.20
