module example.com/good_function_value_and_local_calls

go 1.19
