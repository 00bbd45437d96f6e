package server

type Server struct {
	incoming chan string
	results  chan int
}

func (s *Server) serve(msg string) { s.results <- sum(msg) }

// Run starts one goroutine per message, for as long as messages arrive.
func (s *Server) Run() {
	for {
		msg, ok := <-s.incoming
		if !ok {
			return
		}
		go s.serve(msg) // want CGO010
	}
}
