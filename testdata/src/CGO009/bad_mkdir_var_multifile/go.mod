module example.com/bad_mkdir_var_multifile

go 1.19
