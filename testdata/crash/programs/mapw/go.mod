module example.com/mapw

go 1.19
