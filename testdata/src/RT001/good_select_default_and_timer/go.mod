module example.com/good_select_default_and_timer

go 1.19
