module example.com/good_pull_not_push

go 1.22
