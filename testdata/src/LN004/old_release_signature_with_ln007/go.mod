module example.com/good_old_release_signature

go 1.19
