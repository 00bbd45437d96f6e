module example.com/good_keepalive_survives_gc

go 1.19
