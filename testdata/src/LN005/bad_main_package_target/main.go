package main

import (
	"fmt"

	"example.com/bad_main_package_target/plugin"
)

func version() string { return "1.0" }

func main() { fmt.Println(version(), plugin.Banner()) }
