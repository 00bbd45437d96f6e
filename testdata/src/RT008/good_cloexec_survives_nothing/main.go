// Same re-exec as the bad case, but the raw open asks for O_CLOEXEC: the kernel closes the
// descriptor during execve, so the new image finds nothing pointing at go.mod.
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
	fd, err := syscall.Open("go.mod", syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
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
