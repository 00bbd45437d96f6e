module example.com/good_spaced_build_with_real_constraint

go 1.19
