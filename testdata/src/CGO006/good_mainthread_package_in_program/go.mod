module example.com/good_mainthread_package_in_program

go 1.19
