// Package report reads the stamp directly.
package report

import _ "unsafe"

// buildinfo.stamp has no body of its own, but main pushes one.
//
//go:linkname stamp example.com/good_target_supplied_by_push/buildinfo.stamp
func stamp() string

// Line formats the stamp.
func Line() string { return "build " + stamp() }
