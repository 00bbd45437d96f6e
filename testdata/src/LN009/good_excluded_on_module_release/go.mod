module example.com/good_excluded_on_module_release

go 1.22
