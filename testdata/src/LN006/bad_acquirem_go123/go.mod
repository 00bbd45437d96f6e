module example.com/bad_acquirem_go123

go 1.23
