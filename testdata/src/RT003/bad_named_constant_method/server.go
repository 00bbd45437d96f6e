package server

import "runtime"

const reservedCores = 2

type Server struct{ cores int }

func (s *Server) Tune() {
	runtime.GOMAXPROCS(reservedCores) // want RT003
	s.cores = reservedCores
}
