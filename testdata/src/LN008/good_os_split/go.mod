module example.com/good_os_split

go 1.19
