module example.com/good_named_unsafe

go 1.19
