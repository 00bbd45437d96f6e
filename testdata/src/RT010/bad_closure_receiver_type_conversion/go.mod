module example.com/bad_closure_receiver_type_conversion

go 1.19
