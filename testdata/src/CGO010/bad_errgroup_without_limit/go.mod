module example.com/bad_errgroup_without_limit

go 1.19
