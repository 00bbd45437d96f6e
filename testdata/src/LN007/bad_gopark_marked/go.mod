module example.com/bad_gopark_marked

go 1.24
