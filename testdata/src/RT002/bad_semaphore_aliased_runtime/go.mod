module example.com/bad_semaphore_aliased_runtime

go 1.19
