// The archiver runs as a child process: it writes a gzip stream, closes it in a deferred
// function and then calls os.Exit. The parent reads the result back: the gzip trailer was never
// written, so decompression fails.
package main

import (
	"compress/gzip"
	"fmt"
	"io"
	o "os"
	"os/exec"
	"path/filepath"
	"strings"
)

const role = "GOTRAP_RT009_ARCHIVER"

func archive(path string) {
	f, err := o.Create(path)
	if err != nil {
		o.Exit(1)
	}
	zw := gzip.NewWriter(f)
	defer func() {
		if err := zw.Close(); err != nil {
			fmt.Println("close:", err)
		}
	}()
	io.Copy(zw, strings.NewReader(strings.Repeat("log line\n", 500)))
	o.Exit(0) // want RT009
}

func main() {
	path := filepath.Join(o.TempDir(), fmt.Sprintf("rt009-%d.gz", o.Getpid()))
	if p := o.Getenv(role); p != "" {
		archive(p)
		return
	}
	self, _ := o.Executable()
	cmd := exec.Command(self)
	cmd.Env = append(o.Environ(), role+"="+path)
	if err := cmd.Run(); err != nil {
		fmt.Println("child:", err)
		return
	}
	f, err := o.Open(path)
	if err != nil {
		fmt.Println("open:", err)
		return
	}
	zr, err := gzip.NewReader(f)
	if err == nil {
		_, err = io.Copy(io.Discard, zr)
	}
	f.Close()
	o.Remove(path)
	fmt.Println("reading the archive back:", err)
}
