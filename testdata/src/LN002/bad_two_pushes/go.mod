module example.com/bad_two_pushes

go 1.21
