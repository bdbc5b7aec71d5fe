package reports

import (
	"bytes"
	"encoding/csv"
	"io"
	"runtime"
	"sync"
)

// blockGroups is how many groups writeBlocks formats at a time (about 1,300 rows of
// scores.csv).
const blockGroups = 256

// writeBlocks writes a CSV table of n items (groups) in blocks of blockGroups: header
// first, then each block as format writes it. Blocks are formatted on all processors
// at once, a few ahead of the one being written, and written in order, so the table is
// the same as one written row by row, in bounded memory.
func writeBlocks(w io.Writer, header []string, n int, format func(first, last int, buf []byte) []byte) error {
	var head bytes.Buffer
	cw := csv.NewWriter(&head)
	if err := cw.Write(header); err != nil {
		return err
	}
	cw.Flush()
	if _, err := w.Write(head.Bytes()); err != nil {
		return err
	}
	blocks := (n + blockGroups - 1) / blockGroups
	workers := max(1, min(runtime.GOMAXPROCS(0), blocks))
	type result struct {
		buf []byte
	}
	done := make([]chan result, blocks)
	for i := range done {
		done[i] = make(chan result, 1)
	}
	ahead := make(chan struct{}, 2*workers) // blocks formatted but not yet written
	stop := make(chan struct{})
	pool := sync.Pool{New: func() any { return []byte(nil) }}
	var next sync.Mutex
	claim := 0
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
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
				if i >= blocks {
					<-ahead
					return
				}
				buf := pool.Get().([]byte)
				done[i] <- result{format(i*blockGroups, min((i+1)*blockGroups, n), buf[:0])}
			}
		}()
	}
	var err error
	for i := 0; i < blocks && err == nil; i++ {
		r := <-done[i]
		_, err = w.Write(r.buf)
		pool.Put(r.buf) //nolint:staticcheck // a slice header is small
		<-ahead
	}
	close(stop)
	wg.Wait()
	return err
}
