// Command svc serves requests.
package main

import (
	"log"
	"net/http"
)

func main() {
	log.Fatal(http.ListenAndServe(":8080", http.NotFoundHandler()))
}
