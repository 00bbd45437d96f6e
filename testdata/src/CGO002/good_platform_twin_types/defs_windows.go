package filter

// On Windows the layout is spelled out in Go (no cgo there), and the ops field is a Go pointer
// type; this file is never built together with filter_cgo.go.
type op struct {
	Code uint16
	K    uint32
}

type program struct {
	Len uint32
	Ops *op
}

func programLen(p *program) uint32 { return p.Len }
