module example.com/dfdbg

go 1.23
