module example.com/good_result_not_a_failure_test

go 1.19
