module example.com/idcheck

go 1.21
