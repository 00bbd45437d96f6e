module example.com/bad_ticker_loop_aliased

go 1.19
