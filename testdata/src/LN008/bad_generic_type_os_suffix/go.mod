module example.com/bad_generic_type_os_suffix

go 1.19
