module example.com/bad_spaced_build

go 1.19
