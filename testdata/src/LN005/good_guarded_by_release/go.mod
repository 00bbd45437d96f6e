module example.com/good_guarded_by_release

go 1.21
