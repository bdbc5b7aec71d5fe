package survey

import (
	"bytes"
	"fmt"
	"io"
)

// maxRowBytes bounds one row of a responses file: all its bytes, across the lines of a
// quoted cell that spans several, after decoding to UTF-8. encoding/csv buffers a row
// whole before it hands it on, so without a bound a file with no line break (a 200 MB
// line, a disk image, a file of zeros) is read into memory whole, three times over. A
// row of a survey export is a few hundred bytes to a few KiB; 1 MiB leaves room for
// sixteen cells at the cell limit (maxCellBytes) and keeps the reader's memory at a few
// MiB whatever the file. Tests lower it.
var maxRowBytes = 1 << 20

// RowTooLongError is the fault of a row that runs on beyond the row limit: a file that
// is not a survey export, or an opening quote that is never closed.
type RowTooLongError struct {
	Line   int  // line on which the row starts
	Limit  int  // the limit, in bytes
	Quoted bool // a quoted cell spans lines in the row, or was open when it crossed the limit
	NUL    bool // the row holds NUL bytes: the file is not text
}

func (e *RowTooLongError) Error() string {
	switch {
	case e.NUL:
		return fmt.Sprintf("the row runs on for more than %s and holds NUL bytes: this is not a CSV text file", byteSize(e.Limit))
	case e.Quoted:
		return fmt.Sprintf("a quoted cell makes the row run on for more than %s; every opening quote needs a closing quote — check the row for one left open", byteSize(e.Limit))
	}
	return fmt.Sprintf("the row runs on for more than %s of text without a line break; a survey row is far shorter — is this the right file?", byteSize(e.Limit))
}

// byteSize writes n bytes in KiB, the unit of the cell limit's message, when it is a
// whole number of them.
func byteSize(n int) string {
	if n >= 1<<10 && n%(1<<10) == 0 {
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Quote states of a rowLimiter, as encoding/csv (LazyQuotes off) reads a row.
const (
	rowUnquoted  = iota // in an unquoted cell, or at the start of a cell
	rowQuoted           // inside a quoted cell
	rowQuoteEnd         // just after a quote inside a quoted cell: an escaped quote or the cell's end
	rowBareQuote        // after a quote inside an unquoted cell: encoding/csv drops the rest of the line
)

// rowLimiter passes a file's text on to encoding/csv and stops it with a
// *RowTooLongError as soon as one row grows beyond limit bytes, so that memory stays
// flat whatever the input. It follows quotes as encoding/csv does: a line break inside
// a quoted cell continues the row, a quote that does not open a cell (a bare quote)
// makes encoding/csv drop the rest of its line. It looks at eight bytes at a time
// through bytes.IndexByte, and at single bytes only around quotes.
type rowLimiter struct {
	r     io.Reader
	delim byte
	limit int64

	off       int64 // bytes passed on
	start     int64 // offset at which the current row starts
	lines     int   // line breaks passed on
	startLine int   // line on which the current row starts
	lastNUL   int64 // offset of the last NUL byte seen, −1 for none
	state     int
	prev      byte // the byte before off
	err       error
}

func newRowLimiter(r io.Reader, delim rune) *rowLimiter {
	return &rowLimiter{r: r, delim: byte(delim), limit: int64(maxRowBytes), startLine: 1, lastNUL: -1, prev: '\n'}
}

func (l *rowLimiter) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	if k, lerr := l.scan(p[:n]); lerr != nil {
		l.err = lerr
		return k, lerr
	}
	return n, err
}

// scan follows b, the next bytes of the text, and returns how many of them may be passed
// on and the fault, when a row crosses the limit in b.
func (l *rowLimiter) scan(b []byte) (int, error) {
	if i := bytes.LastIndexByte(b, 0); i >= 0 {
		l.lastNUL = l.off + int64(i)
	}
	i := 0
	quote := -1 // offset in b of the next quote at or after i, when known
	for i < len(b) {
		switch l.state {
		case rowQuoted:
			j := bytes.IndexByte(b[i:], '"')
			if j < 0 {
				l.lines += bytes.Count(b[i:], []byte{'\n'})
				i = len(b)
				continue
			}
			l.lines += bytes.Count(b[i:i+j], []byte{'\n'})
			i += j + 1
			l.state = rowQuoteEnd
		case rowQuoteEnd:
			if b[i] == '"' {
				i++
				l.state = rowQuoted
			} else {
				l.state = rowUnquoted
			}
		case rowBareQuote:
			j := bytes.IndexByte(b[i:], '\n')
			if j < 0 {
				i = len(b)
				continue
			}
			i += j // the line break ends the row as in an unquoted cell
			l.state = rowUnquoted
		default:
			if quote < i {
				if quote = bytes.IndexByte(b[i:], '"'); quote >= 0 {
					quote += i
				} else {
					quote = len(b)
				}
			}
			if k, err := l.rowBreaks(b, i, quote); err != nil {
				return k, err
			}
			i = quote
			if i == len(b) {
				continue
			}
			before := l.prev
			if i > 0 {
				before = b[i-1]
			}
			if before == l.delim || before == '\n' {
				l.state = rowQuoted
			} else {
				l.state = rowBareQuote
			}
			i++
		}
	}
	end := l.off + int64(len(b))
	if end-l.start > l.limit {
		k := int(l.start + l.limit - l.off)
		return max(k, 0), l.fault()
	}
	l.off = end
	if len(b) > 0 {
		l.prev = b[len(b)-1]
	}
	return len(b), nil
}

// rowBreaks ends a row at every line break in b[i:j], which holds no quote and is
// outside quotes, and checks each row so ended against the limit.
func (l *rowLimiter) rowBreaks(b []byte, i, j int) (int, error) {
	seg := b[i:j]
	if int64(len(seg)) > l.limit {
		// Rows wholly inside seg may be long too: end them one by one.
		for {
			k := bytes.IndexByte(seg, '\n')
			if k < 0 {
				return 0, nil
			}
			if err := l.endRow(b, i+k); err != nil {
				return int(max(l.start+l.limit-l.off, 0)), err
			}
			i += k + 1
			seg = seg[k+1:]
		}
	}
	first := bytes.IndexByte(seg, '\n')
	if first < 0 {
		return 0, nil
	}
	last := bytes.LastIndexByte(seg, '\n')
	if err := l.endRow(b, i+first); err != nil {
		return int(max(l.start+l.limit-l.off, 0)), err
	}
	if last > first {
		l.lines += bytes.Count(seg[first+1:last], []byte{'\n'})
		l.endRow(b, i+last) // shorter than seg, so than the limit
	}
	return 0, nil
}

// endRow ends the current row at the line break at b[k], or fails when the row is
// longer than the limit.
func (l *rowLimiter) endRow(b []byte, k int) error {
	at := l.off + int64(k)
	if at-l.start > l.limit {
		return l.fault()
	}
	l.lines++
	l.start, l.startLine = at+1, l.lines+1
	return nil
}

func (l *rowLimiter) fault() error {
	return &RowTooLongError{Line: l.startLine, Limit: int(l.limit), Quoted: l.state == rowQuoted || l.state == rowQuoteEnd || l.lines >= l.startLine, NUL: l.lastNUL >= l.start}
}
