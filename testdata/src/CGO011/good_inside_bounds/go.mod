module example.com/good_inside_bounds

go 1.19
