module example.com/good_bounded_ranges

go 1.18
