module example.com/bad_dot_import_vfork

go 1.19
