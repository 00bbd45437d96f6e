module example.com/bad_xsys_alias_openat_dup2

go 1.19

require golang.org/x/sys v0.5.0
