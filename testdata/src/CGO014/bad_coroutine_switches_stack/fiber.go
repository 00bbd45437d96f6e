// Package fiber runs a C coroutine that reports its progress to Go.
package fiber

// int fiber_run(void);
import "C"

var steps []int

//export goFiberStep
func goFiberStep(n C.int) { steps = append(steps, int(n)) }

// Run runs the coroutine to completion and returns the steps it reported.
func Run() []int {
	C.fiber_run()
	return steps
}
