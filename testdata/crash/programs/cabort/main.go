package main

/*
#include <stdlib.h>
static void fail(void) { abort(); }
*/
import "C"

func main() { C.fail() }
