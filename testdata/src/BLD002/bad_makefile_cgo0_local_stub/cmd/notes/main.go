// Command notes opens the notes store.
package main

import (
	"fmt"
	"os"

	"example.com/notes/internal/store"
)

func main() {
	db, err := store.Open("notes.db")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println("opened", db != nil)
}
