module example.com/bad_module_target

go 1.21
