package pipes

// void pipes_watch(void);
import "C"

// Watch counts writes to closed pipes instead of letting them end the program.
func Watch() { C.pipes_watch() }
