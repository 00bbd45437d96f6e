package main

import (
	"fmt"

	"example.com/bad_removed_fastrandu/shard"
)

func main() { fmt.Println(shard.Pick(8) < 8) }
