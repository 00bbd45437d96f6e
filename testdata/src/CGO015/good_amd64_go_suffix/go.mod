module example.com/good_amd64_go_suffix

go 1.19
