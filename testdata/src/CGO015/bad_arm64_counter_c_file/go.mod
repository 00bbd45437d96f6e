module example.com/bad_arm64_counter_c_file

go 1.19
