module example.com/good_stable_helpers

go 1.22
