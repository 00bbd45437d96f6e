module example.com/bad_relax_macro_header

go 1.19
