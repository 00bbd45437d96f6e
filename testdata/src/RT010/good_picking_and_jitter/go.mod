module example.com/good_picking_and_jitter

go 1.19
