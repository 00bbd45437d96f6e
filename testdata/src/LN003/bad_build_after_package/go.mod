module example.com/bad_build_after_package

go 1.19
