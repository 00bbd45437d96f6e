module example.com/good_libc_and_linked_library

go 1.19
