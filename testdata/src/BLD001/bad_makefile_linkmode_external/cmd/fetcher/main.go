// Command fetcher resolves a host name and fetches a page.
package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
)

func main() {
	host := "localhost"
	if len(os.Args) > 1 {
		host = os.Args[1]
	}
	addrs, err := net.LookupHost(host)
	fmt.Println(addrs, err)
	if len(os.Args) > 2 {
		resp, err := http.Get(os.Args[2])
		if err == nil {
			fmt.Println(resp.Status)
			resp.Body.Close()
		}
	}
}
