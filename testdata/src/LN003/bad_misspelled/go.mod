module example.com/bad_misspelled

go 1.19
