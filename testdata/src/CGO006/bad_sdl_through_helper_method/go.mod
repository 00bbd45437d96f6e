module example.com/bad_sdl_through_helper_method

go 1.19
