// Command web serves a greeting.
package main

import (
	"log"
	"net/http"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("hello\n"))
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
