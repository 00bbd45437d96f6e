module example.com/good_push_unclaimed

go 1.21
