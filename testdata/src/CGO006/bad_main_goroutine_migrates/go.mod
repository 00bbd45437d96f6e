module example.com/bad_main_goroutine_migrates

go 1.19
