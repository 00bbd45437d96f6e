module example.com/good_placements

go 1.19
