package main

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"log"
	"os"
)

// exitBeforeDefer exits before anything is deferred.
func exitBeforeDefer(path string) {
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	fmt.Fprintln(f, "ok")
}

// flushedFirst flushes explicitly on the exit path.
func flushedFirst(lines []string) {
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
}

// closedOnErrorPath closes the writer and reports the close error.
func closedOnErrorPath(path string) {
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	defer zw.Close()
	zw.Write([]byte("payload"))
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
}

// otherBranch registers the defer in one branch and exits in the other.
func otherBranch(verbose bool) {
	if verbose {
		w := bufio.NewWriter(os.Stderr)
		defer w.Flush()
		fmt.Fprintln(w, "verbose")
	} else {
		os.Exit(3)
	}
}

// run owns the defers; main exits after they have run.
func run() int {
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	fmt.Fprintln(w, "done")
	return 0
}

// inClosure: the exit belongs to a goroutine's own function, which defers nothing.
func inClosure() {
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	go func() {
		log.Fatal("background failure")
	}()
	defer func() {
		if r := recover(); r != nil {
			os.Exit(4)
		}
	}()
}

func main() {
	exitBeforeDefer(os.DevNull)
	flushedFirst(nil)
	closedOnErrorPath(os.DevNull)
	otherBranch(true)
	inClosure()
	os.Exit(run())
}
