module example.com/good_lock_held_around_closure

go 1.19
