module example.com/good_no_c_resource

go 1.19
