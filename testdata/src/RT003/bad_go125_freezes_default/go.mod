module example.com/bad_go125_freezes_default

go 1.25
