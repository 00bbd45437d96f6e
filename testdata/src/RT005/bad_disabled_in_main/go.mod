module example.com/bad_disabled_in_main

go 1.19
