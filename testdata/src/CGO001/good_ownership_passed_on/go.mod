module example.com/good_ownership_passed_on

go 1.20
