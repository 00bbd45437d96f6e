module example.com/initdeadlock

go 1.19
