module example.com/good_through_pointers

go 1.19
