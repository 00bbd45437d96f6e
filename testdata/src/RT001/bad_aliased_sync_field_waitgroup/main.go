package main

func init() {
	svc.boot()
}

func main() {}
