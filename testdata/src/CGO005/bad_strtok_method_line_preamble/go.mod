module example.com/bad_strtok_method_line_preamble

go 1.19
