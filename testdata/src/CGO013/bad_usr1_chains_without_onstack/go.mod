module example.com/bad_usr1_chains_without_onstack

go 1.19
