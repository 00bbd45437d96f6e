module example.com/good_other_os_and_unseen_code

go 1.19
