module example.com/good_finalizers_hooks_and_free

go 1.19
