module example.com/bad_struct_field_overrun

go 1.21
