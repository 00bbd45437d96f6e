package main

import "time"

func worker(jobs []int) {
	for i := 0; i <= len(jobs); i++ {
		_ = jobs[i]
	}
}

func main() {
	go worker([]int{1, 2, 3})
	time.Sleep(2 * time.Second)
}
