// The parent keeps several threads allocating, forks, and gives the child two seconds to
// allocate, stop the world (ReadMemStats does) and report back. The child copied a runtime whose
// other threads are gone, so its stop-the-world never completes: it hangs (or crashes) and
// never prints OK. The program first re-executes itself with GOMAXPROCS=4 so that other
// threads are running Go code at the moment of the fork even on a one-CPU machine.
package main

import (
	"fmt"
	"os"
	"runtime"
	"syscall"
	"time"
)

var churn [][]byte

func busy() {
	for {
		churn = append(churn[:0], make([]byte, 64<<10))
	}
}

func childWork() {
	done := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		for i := 0; i < 64; i++ {
			_ = make([]byte, 1<<20)
			runtime.ReadMemStats(&ms)
		}
		close(done)
	}()
	<-done
	syscall.Write(1, []byte("CHILD OK\n"))
	syscall.Exit(0)
}

func main() {
	if os.Getenv("GOMAXPROCS") == "" {
		self, err := os.Executable()
		if err == nil {
			err = syscall.Exec(self, os.Args, append(os.Environ(), "GOMAXPROCS=4"))
		}
		fmt.Println("re-exec:", err)
		return
	}
	for i := 0; i < 4; i++ {
		go busy()
	}
	time.Sleep(50 * time.Millisecond)

	pid, _, errno := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want RT007
	if errno != 0 {
		fmt.Println("fork:", errno)
		os.Exit(1)
	}
	if pid == 0 {
		childWork()
	}

	var ws syscall.WaitStatus
	for end := time.Now().Add(2 * time.Second); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if got, _ := syscall.Wait4(int(pid), &ws, syscall.WNOHANG, nil); got == int(pid) {
			if ws.Signaled() || ws.ExitStatus() != 0 {
				fmt.Println("CHILD CRASHED:", ws.Signal(), ws.ExitStatus())
			}
			return
		}
	}
	syscall.Kill(int(pid), syscall.SIGKILL)
	syscall.Wait4(int(pid), &ws, 0, nil)
	fmt.Println("CHILD HUNG after fork")
}
