module example.com/edge-probe

go 1.22
