// Package crash carries a panic from the goroutine it happened on to the one that
// reports it: a panic on a worker goroutine would otherwise end the process with the
// runtime's exit code 2, which renkei gives to bad input. A recovered panic is always
// a bug in renkei, never the user's fault, and says so.
package crash

import (
	"fmt"
	"runtime/debug"
)

// Panic is a recovered panic with the stack of the goroutine it happened on. It is an
// error, so that a worker's panic can travel back as its result.
type Panic struct {
	Value any
	Stack []byte
}

func (p *Panic) Error() string {
	return fmt.Sprintf("this is a bug in renkei; please report it: panic: %v", p.Value)
}

// Recover, deferred directly in a goroutine (defer crash.Recover(handle)), hands a
// panic of that goroutine to handle as a *Panic and lets the goroutine end normally.
// A panic that is already a *Panic keeps its first stack.
func Recover(handle func(*Panic)) {
	v := recover()
	if v == nil {
		return
	}
	if p, ok := v.(*Panic); ok {
		handle(p)
		return
	}
	handle(&Panic{Value: v, Stack: debug.Stack()})
}
