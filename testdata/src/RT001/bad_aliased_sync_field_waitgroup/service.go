package main

import (
	"fmt"
	gosync "sync"
)

type service struct {
	started gosync.WaitGroup
	name    string
}

var svc = &service{name: "billing"}

func (s *service) boot() {
	s.started.Add(1)
	s.started.Wait() // want RT001
	go s.run()
}

func (s *service) run() {
	defer s.started.Done()
	fmt.Println("running", s.name)
}
