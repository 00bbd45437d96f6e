module example.com/good_no_child_processes

go 1.19
