package survey

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
)

// withRowLimit lowers maxRowBytes for one test.
func withRowLimit(tb testing.TB, n int) {
	tb.Helper()
	old := maxRowBytes
	maxRowBytes = n
	tb.Cleanup(func() { maxRowBytes = old })
}

// TestRowLimit checks that a row longer than the limit stops the read with an error
// that names its first line, and that rows at the limit, quoted cells over several
// lines and stray quotes are read as before.
func TestRowLimit(t *testing.T) {
	withRowLimit(t, 1<<10)
	row := "p1,2026Q1," + ans() + "\n"
	long := strings.Repeat("x", 2<<10)
	tests := []struct {
		name     string
		data     string
		wantLine int    // 0: the file must read
		wantMsg  string // part of the error
	}{
		{"LongHeader", "partnership,wave," + long + "\n" + row, 1, "without a line break"},
		{"LongRow", basicHeader + row + row + "p1,2026Q1," + long + "\n" + row, 4, "without a line break"},
		{"LongLastRowNoBreak", basicHeader + row + "p1,2026Q1," + long, 3, "without a line break"},
		{"LongCRLFRow", strings.ReplaceAll(basicHeader+row, "\n", "\r\n") + "p1," + long + "\r\n", 3, "without a line break"},
		{"UnclosedQuote", basicHeader + row + "p1,2026Q1,\"3\n" + strings.Repeat(row, 40), 3, "every opening quote needs a closing quote"},
		{"LongQuotedCell", basicHeader + row + "p1,2026Q1,\"" + strings.Repeat("a\n", 1<<10) + "\"\n", 3, "quoted cell"},
		{"NULs", basicHeader + row + strings.Repeat("\x00", 4<<10), 3, "holds NUL bytes: this is not a CSV text file"},
		{"RowAtLimit", basicHeader + "p1,2026Q1," + ans("comm1", " 3"+strings.Repeat(" ", 1<<10-len(row)-2)) + "\n" + row, 0, ""},
		{"QuotedCellOverLines", basicHeader + strings.Repeat("\"p\n1\",2026Q1,"+ans()+"\n", 200), 0, ""},
		{"EscapedQuotes", basicHeader + strings.Repeat("\"p\"\"1\",2026Q1,"+ans()+"\n", 200), 0, ""},
		// A bare quote makes encoding/csv drop the rest of its line; the quote opened
		// after it must not be taken to run on into the next rows.
		{"BareQuoteThenQuote", basicHeader + strings.Repeat("p1,2026Q1,3\"x,\"3,"+ans()+"\n"+row, 100), 0, ""},
		{"Semicolons", strings.ReplaceAll(basicHeader, ",", ";") + "p1;2026Q1;" + long + "\n", 2, "without a line break"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.wantLine == 0 {
				mustReadWith(t, BuiltinCodebook(), []byte(tt.data), ReadOptions{})
				return
			}
			fe := readError(t, BuiltinCodebook(), []byte(tt.data), ReadOptions{})
			if fe.Line != tt.wantLine || !strings.Contains(fe.Error(), tt.wantMsg) {
				t.Errorf("error %q on line %d, want line %d and %q", fe, fe.Line, tt.wantLine, tt.wantMsg)
			}
			var long *RowTooLongError
			if !errors.As(fe, &long) || long.Limit != 1<<10 {
				t.Errorf("error %v does not carry the limit", fe)
			}
		})
	}
}

// TestRowLimitFastPath checks that a long row after many rows the fast path read is
// refused with its line: the fast path hands it to the general path, whose line count
// starts mid-file.
func TestRowLimitFastPath(t *testing.T) {
	withRowLimit(t, 4<<10)
	var b strings.Builder
	b.WriteString(basicHeader)
	for range 3000 {
		b.WriteString("p1,2026Q1," + ans() + "\n")
	}
	b.WriteString("p1,2026Q1," + strings.Repeat("9", 200<<10) + "\n")
	for range 100 {
		b.WriteString("p1,2026Q1," + ans() + "\n")
	}
	for _, workers := range []int{1, 4} {
		out := readFast(t, []byte(b.String()), BuiltinCodebook(), ReadOptions{}, workers, 4<<10)
		if want := "f.csv:3002: the row runs on for more than 4 KiB of text"; !strings.HasPrefix(out.err, want) {
			t.Errorf("%d workers: error %q, want %q…", workers, out.err, want)
		}
	}
}

// endlessLine is a responses file whose second line never ends: a header, then fill
// bytes for ever (up to most bytes, so that a broken limit fails the test instead of
// the machine).
type endlessLine struct {
	head string
	fill byte
	most int64
	read int64
}

func (e *endlessLine) Read(p []byte) (int, error) {
	if e.read >= e.most {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && e.read < int64(len(e.head)) {
		p[n] = e.head[e.read]
		n++
		e.read++
	}
	for ; n < len(p) && e.read < e.most; n++ {
		p[n] = e.fill
		e.read++
	}
	return n, nil
}

// TestRowLimitMemoryFlat reads endless lines — text and NUL bytes, on both read paths
// — and checks that the read stops within a few MiB of input and allocates a few MiB,
// not the line.
func TestRowLimitMemoryFlat(t *testing.T) {
	const most = 512 << 20
	for _, tt := range []struct {
		name string
		fill byte
		head string
	}{
		{"Text", 'x', basicHeader + "p1,2026Q1,"},
		{"NUL", 0, basicHeader},
		{"HeaderText", 'x', "partnership,wave,"},
		{"HeaderNUL", 0, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := &endlessLine{head: tt.head, fill: tt.fill, most: most}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			err := readStream(src)
			runtime.ReadMemStats(&after)
			var long *RowTooLongError
			if !errors.As(err, &long) {
				t.Fatalf("error %v, want a *RowTooLongError", err)
			}
			if src.read > 8<<20 {
				t.Errorf("read %d MiB of the endless line before stopping, want ≤ 8", src.read>>20)
			}
			alloc := after.TotalAlloc - before.TotalAlloc
			if alloc > 16<<20 {
				t.Errorf("allocated %d MiB reading the endless line, want ≤ 16", alloc>>20)
			}
			t.Logf("stopped after %.1f MiB read, %.1f MiB allocated: %v", float64(src.read)/(1<<20), float64(alloc)/(1<<20), err)
		})
	}
}

// readStream reads r to its end with ReadAll, as the command does.
func readStream(r io.Reader) error {
	rd, err := NewReader(r, "endless.csv", BuiltinCodebook(), ReadOptions{})
	if err != nil {
		return err
	}
	return rd.ReadAll(context.Background(), 2, func(int, *Batch) {})
}

// FuzzRowLimiter checks that the row limit never refuses a file whose rows, as
// encoding/csv reads them, all fit: with the limit set to the longest row
// encoding/csv read, reading through the limiter gives the same rows and errors.
func FuzzRowLimiter(f *testing.F) {
	f.Add([]byte("a,b\n\"c\nd\",e\n"), uint8(0))
	f.Add([]byte("a\"b,\"c\nd\"\n\"e\"\"f\",g\r\n"), uint8(1))
	f.Add([]byte("a;\"b;c\"\n;\n\n\"x\"y\n"), uint8(2))
	f.Add([]byte("\"unclosed\nrow\nrow\n"), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, d uint8) {
		delim := []rune{',', ';', '\t'}[int(d)%3]
		plain := csv.NewReader(bytes.NewReader(data))
		plain.Comma, plain.FieldsPerRecord, plain.ReuseRecord = delim, -1, true
		var want []string
		longest := int64(1)
		for {
			before := plain.InputOffset()
			rec, err := plain.Read()
			longest = max(longest, plain.InputOffset()-before)
			want = append(want, strings.Join(rec, "|")+errText(err))
			if err != nil && !isBareQuote(err) {
				break
			}
		}
		old := maxRowBytes
		maxRowBytes = int(longest)
		defer func() { maxRowBytes = old }()
		limited := csv.NewReader(newRowLimiter(bytes.NewReader(data), delim))
		limited.Comma, limited.FieldsPerRecord, limited.ReuseRecord = delim, -1, true
		for i := 0; ; i++ {
			rec, err := limited.Read()
			got := strings.Join(rec, "|") + errText(err)
			if i >= len(want) || got != want[i] {
				t.Fatalf("record %d through the limiter (%d bytes) is %q, want %q", i, longest, got, want[min(i, len(want)-1)])
			}
			if err != nil && !isBareQuote(err) {
				break
			}
		}
	})
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return " error " + err.Error()
}

func isBareQuote(err error) bool {
	var pe *csv.ParseError
	return errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrBareQuote)
}
