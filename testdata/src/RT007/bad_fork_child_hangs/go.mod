module example.com/bad_fork_child_hangs

go 1.19
