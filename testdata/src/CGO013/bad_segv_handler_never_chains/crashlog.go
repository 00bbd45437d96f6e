// Package crashlog prints a line when native code faults.
package crashlog

// void crashlog_install(void);
import "C"

// Install sets up the native fault logger.
func Install() { C.crashlog_install() }
