package loader

type Loader struct{ paths []string }

func (l *Loader) LoadAll() int {
	l.prepare()
	n := 0
	for range l.paths {
		n++
	}
	return n
}
