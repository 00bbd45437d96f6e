module example.com/good_weak_and_macro

go 1.19
