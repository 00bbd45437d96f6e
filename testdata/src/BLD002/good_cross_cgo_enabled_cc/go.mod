module example.com/sensor

go 1.22
