// Package usage holds the error of a user's mistake: a bad command line, setting or
// input, or an output folder renkei may not replace. Commands exit with code 2 on it.
// It holds no other kind of error, so that an I/O failure or a bug is never blamed on
// the user.
package usage

import (
	"fmt"
	"strings"
)

// Error is a user's mistake, said in one sentence that tells what to do.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// Errorf formats an Error.
func Errorf(format string, args ...any) error {
	return &Error{Msg: fmt.Sprintf(format, args...)}
}

// FewNames lists up to four names and how many more there are.
func FewNames(names []string) string {
	const few = 4
	if len(names) <= few {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:few], ", "), len(names)-few)
}
