module example.com/good_maphash_instead

go 1.22
