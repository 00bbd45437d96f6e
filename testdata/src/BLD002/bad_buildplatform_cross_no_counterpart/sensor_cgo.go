package main

/*
static int read_sensor(void) { return 17; }
*/
import "C"

func readSensor() int { return int(C.read_sensor()) }
