module example.com/good_reenabled_later

go 1.19
