module example.com/bad_method_value_and_helper

go 1.20
