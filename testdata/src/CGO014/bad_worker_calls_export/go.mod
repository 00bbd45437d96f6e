module example.com/bad_worker_calls_export

go 1.19
