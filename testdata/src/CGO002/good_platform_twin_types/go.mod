module example.com/good_platform_twin_types

go 1.19
