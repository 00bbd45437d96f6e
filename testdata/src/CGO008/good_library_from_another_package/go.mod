module example.com/good_library_from_another_package

go 1.19
