module example.com/bad_other_file_has_unsafe

go 1.19
