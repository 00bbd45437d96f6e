module example.com/bad_string_elements_and_receiver

go 1.21
