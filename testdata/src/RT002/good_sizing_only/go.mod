module example.com/good_sizing_only

go 1.19
