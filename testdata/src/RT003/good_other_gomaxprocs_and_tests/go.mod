module example.com/good_other_gomaxprocs_and_tests

go 1.19
