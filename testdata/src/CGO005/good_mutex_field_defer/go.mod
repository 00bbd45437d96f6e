module example.com/good_mutex_field_defer

go 1.19
