module example.com/bad_third_party_loggers

go 1.19

require (
	github.com/golang/glog v1.0.0
	github.com/sirupsen/logrus v1.9.0
	go.uber.org/zap v1.24.0
)
