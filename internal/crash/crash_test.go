package crash

import (
	"errors"
	"strings"
	"sync"
	"testing"
)

func TestRecoverCarriesAWorkersPanic(t *testing.T) {
	var got *Panic
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer Recover(func(p *Panic) { got = p })
		var m map[string]int
		m["x"]++ // a nil map: a runtime panic
	}()
	wg.Wait()
	if got == nil {
		t.Fatal("no panic recovered")
	}
	if !strings.Contains(got.Error(), "this is a bug in renkei") || !strings.Contains(string(got.Stack), "crash_test.go") {
		t.Errorf("error %q, stack %q: want the bug message and the worker's stack", got.Error(), got.Stack)
	}
	var p *Panic
	if !errors.As(error(got), &p) {
		t.Error("a Panic is not found by errors.As")
	}
}

func TestRecoverKeepsTheFirstStack(t *testing.T) {
	first := &Panic{Value: "x", Stack: []byte("first")}
	var got *Panic
	func() {
		defer Recover(func(p *Panic) { got = p })
		panic(first)
	}()
	if got != first {
		t.Errorf("got %+v, want the panic passed on unchanged", got)
	}
}
