module example.com/bad_aliased_named_constant

go 1.19
