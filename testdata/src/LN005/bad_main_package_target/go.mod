module example.com/bad_main_package_target

go 1.20
