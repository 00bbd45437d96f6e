module example.com/bad_waitgroup_in_helper

go 1.19
