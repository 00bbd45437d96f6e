package main

import (
	"log"

	"example.com/stub/db"
)

func main() {
	v, err := db.Open("app.db")
	if err != nil {
		log.Fatalf("open database: %v", err)
	}
	log.Printf("sqlite %d", v)
}
