module example.com/good_local_types

go 1.23
