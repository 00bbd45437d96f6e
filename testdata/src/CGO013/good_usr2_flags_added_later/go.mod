module example.com/good_usr2_flags_added_later

go 1.19
