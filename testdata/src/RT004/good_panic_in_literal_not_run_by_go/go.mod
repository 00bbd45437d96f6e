module example.com/good_panic_in_literal_not_run_by_go

go 1.19
