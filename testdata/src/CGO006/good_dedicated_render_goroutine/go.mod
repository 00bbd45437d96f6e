module example.com/good_dedicated_render_goroutine

go 1.19
