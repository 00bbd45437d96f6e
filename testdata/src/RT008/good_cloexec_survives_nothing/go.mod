module example.com/good_cloexec_survives_nothing

go 1.19
