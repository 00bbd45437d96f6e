module example.com/good_guarded_branches

go 1.19
