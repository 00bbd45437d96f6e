module example.com/good_semaphore_channel

go 1.19
