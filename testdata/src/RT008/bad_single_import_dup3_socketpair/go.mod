module example.com/bad_single_import_dup3_socketpair

go 1.19
