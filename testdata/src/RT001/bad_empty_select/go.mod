module example.com/bad_empty_select

go 1.19
