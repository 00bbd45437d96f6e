module example.com/bad_noescape_with_body

go 1.19
