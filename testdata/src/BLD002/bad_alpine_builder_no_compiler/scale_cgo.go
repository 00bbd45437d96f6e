package main

/*
static int scale(int px, int by) { return px / by; }
*/
import "C"

func scale(px, by int) int { return int(C.scale(C.int(px), C.int(by))) }
