module example.com/good_package_level_and_release_api

go 1.19
