module example.com/bad_parenthesized_callee

go 1.19
