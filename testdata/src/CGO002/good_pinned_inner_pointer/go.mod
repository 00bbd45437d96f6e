module example.com/good_pinned_inner_pointer

go 1.21
