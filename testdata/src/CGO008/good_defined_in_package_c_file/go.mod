module example.com/good_defined_in_package_c_file

go 1.19
