module example.com/bad_c_pointers_from_go_memory

go 1.20
