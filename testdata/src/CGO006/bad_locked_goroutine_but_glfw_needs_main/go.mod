module example.com/bad_locked_goroutine_but_glfw_needs_main

go 1.19
