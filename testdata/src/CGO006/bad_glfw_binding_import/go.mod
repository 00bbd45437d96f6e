module example.com/bad_glfw_binding_import

go 1.19
