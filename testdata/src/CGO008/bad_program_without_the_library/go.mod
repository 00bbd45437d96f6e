module example.com/bad_program_without_the_library

go 1.19
