module example.com/good_recovered_literal_and_helper

go 1.19
