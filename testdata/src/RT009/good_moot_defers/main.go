package main

import (
	"context"
	"database/sql"
	"io"
	"log"
	"net/http"
	"os"
	"sync"
	"time"
)

var mu sync.Mutex

func load(path string, db *sql.DB) []byte {
	mu.Lock()
	defer mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	defer db.Close()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	resp, err := http.Get("http://127.0.0.1:1/")
	if err != nil {
		log.Fatalf("fetch: %v", err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(f)
	if err != nil || ctx.Err() != nil {
		os.Exit(1)
	}
	return data
}

func main() {
	load(os.Args[1], nil)
}
