module example.com/good_callback_closes

go 1.19
