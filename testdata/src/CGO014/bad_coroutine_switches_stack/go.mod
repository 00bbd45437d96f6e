module example.com/bad_coroutine_switches_stack

go 1.19
