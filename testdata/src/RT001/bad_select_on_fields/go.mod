module example.com/bad_select_on_fields

go 1.19
