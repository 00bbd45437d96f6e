module example.com/good_unlisted_and_external

go 1.22
