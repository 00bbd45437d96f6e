module example.com/bad_stale_after_override

go 1.19
