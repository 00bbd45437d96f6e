package main

type tree struct{ left *tree }

func (t *tree) depth() int { return 1 + t.left.depth() }

func main() {
	t := &tree{}
	t.left = t
	println(t.depth())
}
