module example.com/bad_global_table_extern

go 1.19
