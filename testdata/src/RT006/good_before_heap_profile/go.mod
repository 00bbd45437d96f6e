module example.com/good_before_heap_profile

go 1.19
