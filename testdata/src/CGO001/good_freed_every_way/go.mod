module example.com/good_freed_every_way

go 1.21
