// Package plugin wants the program's version string.
package plugin

import _ "unsafe"

// The main package's functions are linked as main.version, not under
// the module path.
// want-below LN005
//go:linkname appVersion example.com/bad_main_package_target.version
func appVersion() string

// Banner describes the program.
func Banner() string { return "app " + appVersion() }
