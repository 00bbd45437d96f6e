module example.com/bad_library_copied_prototypes

go 1.19
