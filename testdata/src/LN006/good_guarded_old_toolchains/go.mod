module example.com/good_guarded_old_toolchains

go 1.21
