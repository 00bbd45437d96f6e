// The program opens its own go.mod with a raw syscall.Open, then replaces itself with a fresh
// copy of its binary. The new image looks through /proc/self/fd for descriptors above 2 that
// still point at the file: without O_CLOEXEC the descriptor crossed execve.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

const marker = "GOTRAP_RT008_CHILD"

func listInherited(target string) {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		fmt.Println("cannot list descriptors:", err)
		return
	}
	found := false
	for _, e := range entries {
		link, err := os.Readlink(filepath.Join("/proc/self/fd", e.Name()))
		if err != nil || !strings.HasSuffix(link, target) {
			continue
		}
		fmt.Printf("INHERITED fd %s -> %s\n", e.Name(), filepath.Base(link))
		found = true
	}
	if !found {
		fmt.Println("no descriptor was inherited")
	}
}

func main() {
	if os.Getenv(marker) != "" {
		listInherited("go.mod")
		return
	}
	fd, err := syscall.Open("go.mod", syscall.O_RDONLY, 0) // want RT008
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	fmt.Println("parent opened fd", fd)
	self, err := os.Executable()
	if err != nil {
		fmt.Println("executable:", err)
		os.Exit(1)
	}
	err = syscall.Exec(self, []string{self}, append(os.Environ(), marker+"=1"))
	fmt.Println("exec:", err)
	os.Exit(1)
}
