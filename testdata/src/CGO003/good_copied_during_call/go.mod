module example.com/good_copied_during_call

go 1.19
