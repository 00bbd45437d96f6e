module example.com/good_setjmp_without_threads

go 1.19
