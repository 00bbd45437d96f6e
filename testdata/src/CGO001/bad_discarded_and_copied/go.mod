module example.com/bad_discarded_and_copied

go 1.22
