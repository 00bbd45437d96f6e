package main

/*
extern void onEvent(int);
static void emit(int n) { onEvent(n); }
*/
import "C"

import "fmt"

var seen []int

// want-below LN003
// export onEvent
func onEvent(n C.int) { seen = append(seen, int(n)) }

func main() {
	C.emit(7)
	fmt.Println(seen)
}
