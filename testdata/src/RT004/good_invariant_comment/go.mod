module example.com/good_invariant_comment

go 1.19
