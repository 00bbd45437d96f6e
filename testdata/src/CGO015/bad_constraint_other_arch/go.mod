module example.com/bad_constraint_other_arch

go 1.19
