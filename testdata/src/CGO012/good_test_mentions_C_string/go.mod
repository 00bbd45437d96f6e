module example.com/good_test_mentions_C_string

go 1.19
