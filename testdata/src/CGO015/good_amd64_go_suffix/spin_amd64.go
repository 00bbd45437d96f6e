package spin

/*
static void relax(void) { __asm__ __volatile__("pause"); }
*/
import "C"

func relax() { C.relax() }
