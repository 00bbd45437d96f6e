module example.com/good_segv_onstack_chains

go 1.19
