module example.com/bad_intrinsic_callersp

go 1.19
