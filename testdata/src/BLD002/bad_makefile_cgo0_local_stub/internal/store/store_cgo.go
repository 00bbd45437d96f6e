package store

/*
static int engine_open(void) { return 1; }
*/
import "C"

// Open opens the store at path.
func Open(path string) (*DB, error) {
	return &DB{path: path, handles: int(C.engine_open())}, nil
}
