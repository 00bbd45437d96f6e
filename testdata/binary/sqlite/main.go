// Registers a database driver from a package that needs cgo (a local stand-in for
// github.com/mattn/go-sqlite3, with the same `!cgo` stub) and uses the pure-Go schemaregistry
// package of a module whose kafka package needs cgo.
package main

import (
	"database/sql"
	"fmt"

	"github.com/confluentinc/confluent-kafka-go/v2/schemaregistry"
	_ "github.com/mattn/go-sqlite3"
)

func main() {
	fmt.Println(schemaregistry.URL("http://registry:8081"))
	db, err := sql.Open("sqlite3", ":memory:")
	if err == nil {
		err = db.Ping()
	}
	fmt.Println(err)
}
