module example.com/good_repeatable_names

go 1.19
