module example.com/bad_glfw_c_calls_without_lock

go 1.19
