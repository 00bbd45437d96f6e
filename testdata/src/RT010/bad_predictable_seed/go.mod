module example.com/bad_predictable_seed

go 1.19
