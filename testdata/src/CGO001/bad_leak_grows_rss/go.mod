module example.com/bad_leak_grows_rss

go 1.19
