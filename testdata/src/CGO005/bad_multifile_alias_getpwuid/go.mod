module example.com/bad_multifile_alias_getpwuid

go 1.19
