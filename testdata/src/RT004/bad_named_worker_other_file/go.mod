module example.com/bad_named_worker_other_file

go 1.19
