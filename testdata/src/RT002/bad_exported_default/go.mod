module example.com/bad_exported_default

go 1.19
