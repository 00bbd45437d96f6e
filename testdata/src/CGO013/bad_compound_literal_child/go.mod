module example.com/bad_compound_literal_child

go 1.19
