package main

import (
	"fmt"
	_ "unsafe"

	_ "example.com/good_target_supplied_by_push/buildinfo"
	"example.com/good_target_supplied_by_push/report"
)

//go:linkname stamp example.com/good_target_supplied_by_push/buildinfo.stamp
func stamp() string { return "v1.2.3" }

func main() { fmt.Println(report.Line()) }
