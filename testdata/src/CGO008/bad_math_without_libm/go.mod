module example.com/bad_math_without_libm

go 1.19
