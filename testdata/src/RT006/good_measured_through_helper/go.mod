module example.com/good_measured_through_helper

go 1.19
