module example.com/good_restored_with_defer

go 1.19
