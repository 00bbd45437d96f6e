module example.com/good_no_c_call_in_goroutine_or_gated

go 1.19
