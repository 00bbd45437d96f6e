module example.com/good_arch_file_names

go 1.19
