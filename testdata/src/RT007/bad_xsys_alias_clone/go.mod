module example.com/bad_xsys_alias_clone

go 1.19

require golang.org/x/sys v0.5.0
