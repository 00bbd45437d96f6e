module example.com/good_reentrant_variants

go 1.19
