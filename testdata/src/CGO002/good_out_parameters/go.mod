module example.com/good_out_parameters

go 1.19
