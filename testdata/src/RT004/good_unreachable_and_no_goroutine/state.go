package state

import "fmt"

type phase int

const (
	idle phase = iota
	busy
)

func (p phase) String() string {
	switch p {
	case idle:
		return "idle"
	case busy:
		return "busy"
	}
	panic("unreachable")
}

func Watch(events <-chan phase, out chan<- string) {
	go func() {
		for e := range events {
			switch e {
			case idle, busy:
				out <- e.String()
			default:
				panic(fmt.Sprintf("not reached: phase %d", int(e)))
			}
		}
	}()
}

// Validate panics on the caller's goroutine, not in a goroutine it starts.
func Validate(p phase) {
	if p > busy {
		panic("bad phase")
	}
	go fmt.Println("validated", p)
}
