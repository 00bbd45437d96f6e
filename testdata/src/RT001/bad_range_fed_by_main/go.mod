module example.com/bad_range_fed_by_main

go 1.19
