// Command svc serves requests; automaxprocs sets GOMAXPROCS from the CPU quota.
package main

import (
	"log"
	"net/http"

	_ "go.uber.org/automaxprocs"
)

func main() {
	log.Fatal(http.ListenAndServe(":8080", http.NotFoundHandler()))
}
