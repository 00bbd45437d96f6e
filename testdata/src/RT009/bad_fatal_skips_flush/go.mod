module example.com/bad_fatal_skips_flush

go 1.19
