// Command notes keeps notes in a local SQLite file through GORM.
package main

import (
	"log"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
)

type Note struct {
	ID   uint
	Text string
}

func main() {
	db, err := gorm.Open(sqlite.Open("notes.db"), &gorm.Config{})
	if err != nil {
		log.Fatal(err)
	}
	if err := db.AutoMigrate(&Note{}); err != nil {
		log.Fatal(err)
	}
}
