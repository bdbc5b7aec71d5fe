package ordered

import (
	"errors"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"renkei/internal/crash"
)

func TestDo(t *testing.T) {
	for _, c := range []struct {
		name  string
		n     int
		procs int
	}{
		{name: "None", n: 0, procs: 2},
		{name: "One", n: 1, procs: 4},
		{name: "ManyOnOne", n: 100, procs: 1},
		{name: "ManyOnFour", n: 1000, procs: 4},
	} {
		t.Run(c.name, func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(c.procs))
			var running, most atomic.Int32
			var got []int
			err := Do(c.n, func(i int) int {
				if r := running.Add(1); r > most.Load() {
					most.Store(r)
				}
				defer running.Add(-1)
				return i * i
			}, func(i, sq int) error {
				if sq != i*i {
					t.Errorf("result %d is %d", i, sq)
				}
				got = append(got, i)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != c.n {
				t.Fatalf("consumed %d results, want %d", len(got), c.n)
			}
			for i, v := range got {
				if v != i {
					t.Fatalf("result %d consumed in place %d", v, i)
				}
			}
			if int(most.Load()) > max(c.procs, 1) {
				t.Errorf("%d pieces ran at once on %d processors", most.Load(), c.procs)
			}
		})
	}
}

// TestDoStopsAtError: an error from consume ends the run and is returned; no more
// results are consumed.
func TestDoStopsAtError(t *testing.T) {
	stop := errors.New("stop")
	consumed := 0
	err := Do(10_000, func(i int) int { return i }, func(i, _ int) error {
		consumed++
		if i == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || consumed != 4 {
		t.Errorf("err %v after %d results, want stop after 4", err, consumed)
	}
}

// TestDoRaisesAWorkersPanic: a panic in work comes back on the calling goroutine as
// a *crash.Panic with the worker's stack, instead of ending the process.
func TestDoRaisesAWorkersPanic(t *testing.T) {
	defer func() {
		p, ok := recover().(*crash.Panic)
		if !ok {
			t.Fatalf("recovered %v, want a *crash.Panic", p)
		}
		if p.Value != "piece 7" || !strings.Contains(string(p.Stack), "ordered_test.go") {
			t.Errorf("panic %v with stack %q: want piece 7 and the worker's stack", p.Value, p.Stack)
		}
	}()
	_ = Do(20, func(i int) int {
		if i == 7 {
			panic("piece 7")
		}
		return i
	}, func(int, int) error { return nil })
	t.Fatal("Do returned after a panic in work")
}

// TestDoRaisesAPanicBesideAnError: a worker's panic is raised even when consume has
// returned an error meanwhile — a bug is not reported as an I/O failure.
func TestDoRaisesAPanicBesideAnError(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	defer func() {
		if _, ok := recover().(*crash.Panic); !ok {
			t.Fatal("Do returned without raising the worker's panic")
		}
	}()
	_ = Do(4, func(i int) int {
		if i == 1 {
			close(started)
			<-release // panics only once piece 0 has been consumed with an error
			panic("piece 1")
		}
		return i
	}, func(i, _ int) error {
		<-started // piece 1 is under way on another worker
		close(release)
		return errors.New("write failed")
	})
}
