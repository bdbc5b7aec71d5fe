// Package ordered runs numbered pieces of work on all processors and hands their
// results on in order, holding only a few at a time.
package ordered

import (
	"runtime"
	"sync"

	"renkei/internal/crash"
)

// Do computes work(0), work(1), … work(n−1) on up to GOMAXPROCS goroutines and calls
// consume with each result in that order, on the calling goroutine. At most twice as
// many results as goroutines are computed ahead of the one consumed, so memory stays
// bounded however large n is. When consume returns an error, Do stops handing out
// work and returns it once the goroutines have finished. A panic in work stops Do
// too, and is raised again on the calling goroutine as a *crash.Panic with the stack
// of the goroutine it happened on.
func Do[T any](n int, work func(i int) T, consume func(i int, t T) error) error {
	if n <= 0 {
		return nil
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), n))
	done := make([]chan T, n)
	for i := range done {
		done[i] = make(chan T, 1)
	}
	ahead := make(chan struct{}, 2*workers) // results computed but not yet consumed
	stop := make(chan struct{})
	var next sync.Mutex
	claim := 0
	var wg sync.WaitGroup
	panicked := make(chan *crash.Panic, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer crash.Recover(func(p *crash.Panic) { panicked <- p })
			for {
				select {
				case ahead <- struct{}{}:
				case <-stop:
					return
				}
				next.Lock()
				i := claim
				claim++
				next.Unlock()
				if i >= n {
					<-ahead
					return
				}
				done[i] <- work(i)
			}
		}()
	}
	var err error
	var failed *crash.Panic
	for i := 0; i < n && err == nil && failed == nil; i++ {
		select {
		case t := <-done[i]:
			err = consume(i, t)
			<-ahead
		case failed = <-panicked:
		}
	}
	close(stop)
	wg.Wait()
	if failed == nil { // a worker may have panicked while consume returned an error
		select {
		case failed = <-panicked:
		default:
		}
	}
	if failed != nil {
		panic(failed)
	}
	return err
}
