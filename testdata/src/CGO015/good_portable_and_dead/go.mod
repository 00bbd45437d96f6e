module example.com/good_portable_and_dead

go 1.19
