module example.com/good_testmain_helper

go 1.19
