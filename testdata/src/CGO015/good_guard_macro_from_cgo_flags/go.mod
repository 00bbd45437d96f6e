module example.com/good_guard_macro_from_cgo_flags

go 1.19
