module example.com/good_owner_held_elsewhere

go 1.19
