module example.com/good_target_other_binary

go 1.21
