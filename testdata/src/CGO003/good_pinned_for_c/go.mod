module example.com/good_pinned_for_c

go 1.21
