package pool

/*
static long square(long x) { return x * x; }
*/
import "C"

import (
	rt "runtime"
	"sync"
)

func worker(jobs <-chan int, out chan<- int, wg *sync.WaitGroup) {
	defer wg.Done()
	for j := range jobs {
		out <- int(C.square(C.long(j)))
	}
}

// Squares runs NumCPU workers that drain the jobs channel.
func Squares(in []int) []int {
	jobs := make(chan int)
	out := make(chan int, len(in))
	var wg sync.WaitGroup
	for i := 0; i < rt.NumCPU(); i++ {
		wg.Add(1)
		go worker(jobs, out, &wg)
	}
	for _, v := range in {
		jobs <- v
	}
	close(jobs)
	wg.Wait()
	close(out)
	var res []int
	for v := range out {
		res = append(res, v)
	}
	return res
}

const shards = 4

// Warm touches each of a fixed number of shards in parallel.
func Warm() {
	var wg sync.WaitGroup
	for s := 0; s < shards; s++ {
		wg.Add(1)
		go func(s int) {
			defer wg.Done()
			C.square(C.long(s))
		}(s)
	}
	wg.Wait()
}

// Drain starts one goroutine per configured worker; each loops over the queue.
func Drain(numWorkers int, queue chan int) {
	for w := 0; w < numWorkers; w++ {
		go func() {
			for v := range queue {
				C.square(C.long(v))
			}
		}()
	}
}
