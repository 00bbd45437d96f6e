module example.com/bad_one_past_array_end

go 1.19
