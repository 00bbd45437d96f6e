module example.com/bad_inline_argument

go 1.19
