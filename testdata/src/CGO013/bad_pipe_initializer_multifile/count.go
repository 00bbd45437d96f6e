package pipes

// int pipes_broken(void);
import "C"

// Broken reports how many writes hit a closed pipe.
func Broken() int { return int(C.pipes_broken()) }
