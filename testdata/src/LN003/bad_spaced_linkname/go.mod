module example.com/bad_spaced_linkname

go 1.19
