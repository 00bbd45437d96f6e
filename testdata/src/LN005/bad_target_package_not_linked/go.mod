module example.com/bad_target_package_not_linked

go 1.22
