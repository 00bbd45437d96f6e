// Command plugin is built with -buildmode=c-shared; the host application defines host_log.
package main

/*
void host_log(const char *msg);

static void log_ready(void) { host_log("plugin ready"); }
*/
import "C"

import "unsafe"

//export PluginInit
func PluginInit() C.int {
	C.log_ready()
	done := []byte("init done\x00")
	C.host_log((*C.char)(unsafe.Pointer(&done[0])))
	return 0
}

func main() {}
