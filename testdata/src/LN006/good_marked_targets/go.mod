module example.com/good_marked_targets

go 1.23
