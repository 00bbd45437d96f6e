module example.com/good_moot_defers

go 1.19
