module example.com/good_c_side_takes_ownership

go 1.20
