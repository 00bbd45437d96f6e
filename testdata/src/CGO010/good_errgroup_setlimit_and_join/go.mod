module example.com/good_errgroup_setlimit_and_join

go 1.19
