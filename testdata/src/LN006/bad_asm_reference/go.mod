module example.com/bad_asm_reference

go 1.23
