module example.com/bad_sigurg_ignored

go 1.19
