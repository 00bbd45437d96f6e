package main

import "net/http"

func main() { _ = http.ListenAndServe(":1", nil) }
