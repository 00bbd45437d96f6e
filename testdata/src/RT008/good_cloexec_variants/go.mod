module example.com/good_cloexec_variants

go 1.19
