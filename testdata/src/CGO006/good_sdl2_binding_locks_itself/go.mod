module example.com/good_sdl2_binding_locks_itself

go 1.19
