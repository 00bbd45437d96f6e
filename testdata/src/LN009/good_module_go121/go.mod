module example.com/good_module_go121

go 1.21
