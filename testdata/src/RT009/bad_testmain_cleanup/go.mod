module example.com/bad_testmain_cleanup

go 1.19
