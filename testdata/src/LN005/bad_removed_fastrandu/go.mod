module example.com/bad_removed_fastrandu

go 1.21
