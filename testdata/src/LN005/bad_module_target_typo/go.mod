module example.com/bad_module_target_typo

go 1.22
