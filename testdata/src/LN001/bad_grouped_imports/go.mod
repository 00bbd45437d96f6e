module example.com/bad_grouped_imports

go 1.19
