// Rows are written through a buffered writer; the bad row makes log.Fatal end the process
// before the deferred Flush runs, so the rows already "written" never reach stdout.
package main

import (
	"bufio"
	"fmt"
	"log"
	"os"
)

func export(rows []string) {
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for i, r := range rows {
		if r == "" {
			log.Fatalf("row %d is empty", i) // want RT009
		}
		fmt.Fprintf(out, "ROW %s\n", r)
	}
}

func main() {
	log.SetFlags(0)
	export([]string{"alpha", "beta", ""})
}
