module example.com/bad_debug_misplaced

go 1.21
