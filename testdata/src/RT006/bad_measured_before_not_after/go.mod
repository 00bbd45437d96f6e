module example.com/bad_measured_before_not_after

go 1.19
