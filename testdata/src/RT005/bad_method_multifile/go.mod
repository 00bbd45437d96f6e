module example.com/bad_method_multifile

go 1.19
