module example.com/good_installed_before_runtime

go 1.19
