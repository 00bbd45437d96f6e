module example.com/bad_bounded_with_tag

go 1.22
