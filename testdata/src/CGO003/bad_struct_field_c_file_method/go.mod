module example.com/bad_struct_field_c_file_method

go 1.19
