module example.com/bad_misplaced_positional

go 1.19
