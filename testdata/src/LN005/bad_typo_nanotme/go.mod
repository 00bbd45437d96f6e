module example.com/bad_typo_nanotme

go 1.19
