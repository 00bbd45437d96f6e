module example.com/good_bus_handler_restores_and_reraises

go 1.19
