module example.com/good_filled_or_closed_earlier

go 1.19
