module example.com/bad_main_link_fails

go 1.19
