module example.com/good_local_state_and_copy_mode

go 1.19
