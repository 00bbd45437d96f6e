// Command api serves a greeting for the account that owns the process.
package main

import (
	"fmt"
	"log"
	"net/http"

	"example.com/buildtraps/internal/usercache"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		name, err := usercache.Owner()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintf(w, "hello from %s\n", name)
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
