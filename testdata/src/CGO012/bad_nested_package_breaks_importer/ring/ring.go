package ring

type Ring struct{ buf []int }

func (r *Ring) Push(v int) { r.buf = append(r.buf, v) }
