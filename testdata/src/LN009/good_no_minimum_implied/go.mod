module example.com/good_no_minimum_implied

go 1.22
