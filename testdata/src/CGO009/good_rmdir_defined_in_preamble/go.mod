module example.com/good_rmdir_defined_in_preamble

go 1.19
