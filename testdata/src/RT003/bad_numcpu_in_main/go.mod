module example.com/bad_numcpu_in_main

go 1.19
