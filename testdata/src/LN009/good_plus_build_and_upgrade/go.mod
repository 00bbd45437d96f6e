module example.com/good_plus_build_and_upgrade

go 1.22
