module example.com/good_unknown_types

go 1.22
