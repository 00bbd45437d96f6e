//go:build wasip1

package plugin

// hostLog is provided by the host.
//
//go:wasmimport env host_log
func hostLog(ptr, n uint32)

// Version is called by the host.
//
//go:wasmexport plugin_version
func Version() uint32 { return 2 }
