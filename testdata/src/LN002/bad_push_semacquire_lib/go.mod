module example.com/bad_push_semacquire_lib

go 1.20
