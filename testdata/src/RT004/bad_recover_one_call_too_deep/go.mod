module example.com/bad_recover_one_call_too_deep

go 1.19
