module example.com/good_local_function_named_signal

go 1.19
