module example.com/good_two_result_form

go 1.19
