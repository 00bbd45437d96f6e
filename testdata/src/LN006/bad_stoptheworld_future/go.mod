module example.com/bad_stoptheworld_future

go 1.21
