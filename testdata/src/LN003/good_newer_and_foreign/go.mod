module example.com/good_newer_and_foreign

go 1.24
