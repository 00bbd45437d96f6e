module example.com/bad_called_literal_clamped

go 1.19
