module example.com/good_blank_unsafe

go 1.19
