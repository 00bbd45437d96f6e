module example.com/bad_home_directory_include

go 1.19
