module example.com/svc

go 1.22

require go.uber.org/automaxprocs v1.6.0
