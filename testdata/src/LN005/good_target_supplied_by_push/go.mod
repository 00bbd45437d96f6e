module example.com/good_target_supplied_by_push

go 1.20
