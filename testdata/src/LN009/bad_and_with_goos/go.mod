module example.com/bad_and_with_goos

go 1.23
