module example.com/bad_string_array_any_release

go 1.19
