module example.com/good_queries

go 1.19
