module example.com/good_read_when_configured

go 1.19
