module example.com/bad_cgo_spaced_export

go 1.19
