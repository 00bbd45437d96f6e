module example.com/good_free_os_memory_and_tests

go 1.19
