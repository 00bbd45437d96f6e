module example.com/good_push_from_runtime_internal_name

go 1.22
