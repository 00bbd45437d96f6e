module example.com/good_forkexec_and_other_traps

go 1.19
