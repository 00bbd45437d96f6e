module example.com/bad_derived_pointer_through_helper

go 1.19
