module example.com/bad_logger_method_and_alias

go 1.19
