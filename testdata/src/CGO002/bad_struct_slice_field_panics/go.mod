module example.com/bad_struct_slice_field_panics

go 1.19
