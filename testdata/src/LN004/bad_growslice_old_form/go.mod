module example.com/bad_growslice_old_form

go 1.21
