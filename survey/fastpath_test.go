package survey

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"renkei/internal/sample"
)

// outcome is everything a read of one file gives: the responses (in line order), the
// problems, the counts and the quality summary, or the error that stopped it.
type outcome struct {
	responses []string
	problems  []Problem
	rows      [2]int
	quality   string
	err       string
	fastRows  int
}

// openChecked opens data as f.csv with a fresh quality checker, which the caller closes.
func openChecked(data []byte, cb *Codebook, opt ReadOptions) (*Reader, *QualityChecker, error) {
	qc := NewQualityChecker(cb)
	opt.Quality = qc
	rd, err := NewReader(bytes.NewReader(data), "f.csv", cb, opt)
	return rd, qc, err
}

// readGeneral reads data one row at a time with Read, the general path.
func readGeneral(tb testing.TB, data []byte, cb *Codebook, opt ReadOptions) outcome {
	tb.Helper()
	var out outcome
	rd, qc, err := openChecked(data, cb, opt)
	defer qc.Close()
	if err != nil {
		out.err = err.Error()
		return out
	}
	for {
		r, err := rd.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			out.err = err.Error()
			return out
		}
		out.responses = append(out.responses, fmt.Sprintf("%+v", *r))
	}
	out.finish(rd, qc)
	return out
}

// readFast reads data with ReadAll on workers goroutines, cut in pieces of chunk bytes.
func readFast(tb testing.TB, data []byte, cb *Codebook, opt ReadOptions, workers, chunk int) outcome {
	tb.Helper()
	defer func(old int) { fastChunkSize = old }(fastChunkSize)
	fastChunkSize = chunk
	var out outcome
	rd, qc, err := openChecked(data, cb, opt)
	defer qc.Close()
	if err != nil {
		out.err = err.Error()
		return out
	}
	var mu sync.Mutex
	lines := map[int]string{}
	err = rd.ReadAll(context.Background(), workers, func(_ int, b *Batch) {
		mu.Lock()
		defer mu.Unlock()
		var r Response
		for i := 0; i < b.Len; i++ {
			b.Response(i, &r)
			if _, ok := lines[r.Line]; ok {
				tb.Errorf("line %d handed on twice", r.Line)
			}
			lines[r.Line] = fmt.Sprintf("%+v", r)
		}
	})
	if err != nil {
		out.err = err.Error()
		return out
	}
	keys := make([]int, 0, len(lines))
	for l := range lines {
		keys = append(keys, l)
	}
	sort.Ints(keys)
	for _, l := range keys {
		out.responses = append(out.responses, lines[l])
	}
	out.finish(rd, qc)
	return out
}

func (o *outcome) finish(rd *Reader, qc *QualityChecker) {
	o.problems = rd.Problems()
	o.rows[0], o.rows[1] = rd.Rows()
	o.quality = fmt.Sprintf("%+v", qc.Summary())
	o.fastRows = rd.fastRows
}

func (o outcome) diff(want outcome) string {
	switch {
	case o.err != want.err:
		return fmt.Sprintf("error %q, want %q", o.err, want.err)
	case o.err != "":
		return "" // the run stops: nothing read before matters
	case o.rows != want.rows:
		return fmt.Sprintf("rows %v, want %v", o.rows, want.rows)
	case strings.Join(o.responses, "\n") != strings.Join(want.responses, "\n"):
		return fmt.Sprintf("responses differ:\n%s\nwant\n%s", strings.Join(o.responses, "\n"), strings.Join(want.responses, "\n"))
	case fmt.Sprint(o.problems) != fmt.Sprint(want.problems):
		return fmt.Sprintf("problems\n%v\nwant\n%v", o.problems, want.problems)
	case o.quality != want.quality:
		return fmt.Sprintf("quality %s, want %s", o.quality, want.quality)
	}
	return ""
}

// requireSame reads data on the general path and on the fast path with several piece
// sizes and goroutine counts, and requires identical outcomes.
func requireSame(t *testing.T, data []byte, cb *Codebook, opt ReadOptions) (general outcome, fast []outcome) {
	t.Helper()
	general = readGeneral(t, data, cb, opt)
	for _, chunk := range []int{5, 64, 1 << 16} {
		for _, workers := range []int{1, 3} {
			got := readFast(t, data, cb, opt, workers, chunk)
			if d := got.diff(general); d != "" {
				t.Fatalf("pieces of %d bytes on %d goroutines: %s", chunk, workers, d)
			}
			fast = append(fast, got)
		}
	}
	return general, fast
}

const fastHeader = "response_id,respondent_id,partnership_id,org,role,wave,submitted_at,comm1,comm2,comm3,comm4,trust1,trust2,trust3,trust4,role1,role2,role3,role4,goal1,goal2,goal3,goal4"

var fastColumns = map[string]string{FieldPartnership: "partnership_id", FieldRespondent: "respondent_id"}

// fastRow is a row of the fast header with the given keys and answers.
func fastRow(id, respondent, partnership, org, role, wave, answers string) string {
	return strings.Join([]string{id, respondent, partnership, org, role, wave, "2026-01-05", answers}, ",")
}

const clean16 = "4,3,4,2,5,1,4,4,3,3,2,4,4,4,,5"

// dateTimeRows is n rows whose waves are dates with a time of day, each different,
// across two quarters and three partnerships.
func dateTimeRows(n int) string {
	var b strings.Builder
	start := time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC)
	for i := range n {
		wave := start.Add(time.Duration(i) * 17 * time.Minute).Format("2006-01-02 15:04:05")
		b.WriteString(fastRow(fmt.Sprintf("r%d", i), fmt.Sprintf("p%d", i), fmt.Sprintf("P%d", i%3), "O", "top", wave, clean16) + "\n")
	}
	return b.String()
}

// TestFastPathSameAsGeneral: every input, clean or not, gives the same responses,
// problems, counts and quality summary on the fast path (any piece size, any number
// of goroutines) as on the general path; clean inputs are read by the fast path
// throughout, and the general path takes over from the first piece it cannot read.
func TestFastPathSameAsGeneral(t *testing.T) {
	rows := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(fastRow(fmt.Sprintf("r%d", i), fmt.Sprintf("p%d", i%7), fmt.Sprintf("P%d", i%3), fmt.Sprintf("O%d", i%4), []string{"top", "middle", "", "frontline"}[i%4], fmt.Sprintf("2026Q%d", i%4+1), clean16) + "\n")
		}
		return b.String()
	}
	cases := []struct {
		name  string
		body  string
		fast  bool // the fast path reads every row
		bytes func(string) []byte
	}{
		{name: "CleanRowsFast", body: rows(40), fast: true},
		{name: "CRLFFast", body: strings.ReplaceAll(rows(40), "\n", "\r\n"), fast: true},
		{name: "BOMFast", body: rows(10), fast: true, bytes: func(s string) []byte { return append([]byte("\xEF\xBB\xBF"), s...) }},
		{name: "NoFinalLineBreakFast", body: strings.TrimSuffix(rows(9), "\n"), fast: true},
		{name: "FinalCarriageReturnFast", body: strings.TrimSuffix(rows(9), "\n") + "\r", fast: true},
		{name: "BlankLinesFast", body: rows(3) + "\n\n" + ",,,,,,,,,,,,,,,,,,,,,,\n" + ",,\n\r\n" + rows(3), fast: true},
		{name: "DuplicatesStraightLiningTooFewFast", body: rows(3) + fastRow("x", "p0", "P0", "O0", "top", "2026Q1", "5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5") + "\n" +
			fastRow("y", "", "P1", "O1", "top", "2026Q1", "1,,,,2,2,,,3,3,,,4,4,,") + "\n" + fastRow("z", "", "P1", "O1", "top", "2026Q1", "1,,,,2,2,,,3,3,,,4,4,,") + "\n", fast: true},
		{name: "DatesAsWavesFast", body: fastRow("a", "p", "P", "O", "top", "2026-05-14", clean16) + "\n" + fastRow("b", "q", "P", "O", "top", "2026/5/14", clean16) + "\n", fast: true},
		{name: "DateTimesAsWavesFast", body: dateTimeRows(maxWaveCells + 100), fast: true}, // more wave cells than a worker remembers
		{name: "QuotedCell", body: rows(20) + fastRow("\"r,1\"", "p", "P", "O", "top", "2026Q1", clean16) + "\n" + rows(20)},
		{name: "EmbeddedLineBreak", body: rows(20) + fastRow("\"r\n1\"", "p", "P", "O", "top", "2026Q1", clean16) + "\n" + rows(20)},
		{name: "BadAnswers", body: rows(20) + fastRow("a", "p", "P", "O", "top", "2026Q1", "6,x,NA,-, 3,３,Agree,4,4,4,4,4,4,4,4,4") + "\n" + rows(20)},
		{name: "ShortAndLongRows", body: rows(10) + "r,p,P,O,top,2026Q1,2026-01-01,1,2\n" + fastRow("a", "p", "P", "O", "top", "2026Q1", clean16) + ",extra\n" + rows(10)},
		{name: "MissingPartnershipAndBadWave", body: rows(10) + fastRow("a", "p", "", "O", "top", "2026Q1", clean16) + "\n" + fastRow("b", "p", "P", "O", "top", "2026Q9", clean16) + "\n" + rows(10)},
		{name: "SpacedKeys", body: rows(10) + fastRow("a", " p", "P", "O", "top", "2026Q1", clean16) + "\n" + fastRow("b", "p", "P ", "O", "top", "2026Q1", clean16) + "\n" + fastRow("c", "p", "P", "O\u3000", "top", "2026Q1", clean16) + "\n" + rows(10)},
		{name: "UnicodeKeysFast", body: fastRow("a", "p", "市役所×病院", "市役所", "課長", "2026Q1", clean16) + "\n" + fastRow("b", "q", "市役所×病院", "病院", "課長", "2026Q1", clean16) + "\n", fast: true},
		{name: "InvalidUTF8", body: rows(10) + fastRow("a\xff", "p", "P", "O", "top", "2026Q1", clean16) + "\n" + rows(10)},
		{name: "NULByte", body: rows(10) + fastRow("a\x00", "p", "P", "O", "top", "2026Q1", clean16) + "\n"},
		{name: "LoneCarriageReturn", body: rows(10) + fastRow("a\rb", "p", "P", "O", "top", "2026Q1", clean16) + "\n" + rows(5)},
		{name: "HeaderOnly", body: ""},
		{name: "OnlyBlankRows", body: "\n,,,\n"},
	}
	cb := BuiltinCodebook()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			text := fastHeader + "\n" + tc.body
			data := []byte(text)
			if tc.bytes != nil {
				data = tc.bytes(text)
			}
			general, fast := requireSame(t, data, cb, ReadOptions{Columns: fastColumns, Calendar: Calendar{FiscalStart: 1}})
			for _, f := range fast {
				if tc.fast && f.fastRows != general.rows[0] {
					t.Errorf("the fast path read %d of %d rows", f.fastRows, general.rows[0])
				}
			}
		})
	}
}

// TestFastPathShiftJIS: a Shift_JIS file with CRLF line breaks and Japanese keys is
// read by the fast path, exactly as by the general path.
func TestFastPathShiftJIS(t *testing.T) {
	var b strings.Builder
	b.WriteString(fastHeader + "\r\n")
	for i := range 30 {
		b.WriteString(fastRow(fmt.Sprint(i), fmt.Sprintf("回答者%d", i%5), []string{"市役所×病院", "学校×NPO"}[i%2], []string{"市役所", "病院", "学校"}[i%3], "課長", "2026Q1", clean16) + "\r\n")
	}
	data := mustShiftJIS(b.String())
	general, fast := requireSame(t, data, BuiltinCodebook(), ReadOptions{Columns: fastColumns, Calendar: Calendar{FiscalStart: 1}})
	if !strings.Contains(general.responses[0], "市役所×病院") {
		t.Fatalf("not decoded: %s", general.responses[0])
	}
	for _, f := range fast {
		if f.fastRows != 30 {
			t.Errorf("the fast path read %d of 30 rows", f.fastRows)
		}
	}
	// Invalid Shift_JIS in an ignored column stops both paths on the same line.
	bad := append(append([]byte{}, data...), append([]byte("x\x81,"), mustShiftJIS(fastRow("", "p", "P", "O", "top", "2026Q1", clean16)[1:]+"\r\n")...)...)
	requireSame(t, bad, BuiltinCodebook(), ReadOptions{Columns: fastColumns, Calendar: Calendar{FiscalStart: 1}, Encoding: EncodingShiftJIS})
}

// TestFastPathWorkload: a workload-shaped file (duplicates, straight-lining, blanks) is
// read by the fast path throughout, on any number of goroutines, as the general path
// reads it; with the duplicate records spilled to disk too.
func TestFastPathWorkload(t *testing.T) {
	cb, err := ReadCodebook(bytes.NewReader(sample.BenchCodebook), "codebook.csv")
	if err != nil {
		t.Fatal(err)
	}
	data := sample.Workload(3000, 7)
	defer func(parts, stage int) { dupPartLimit, dupStageLimit = parts, stage }(dupPartLimit, dupStageLimit)
	for _, limit := range []int{dupPartRecords, 2} {
		dupPartLimit = limit
		if limit == 2 {
			dupStageLimit = 1024 // many writes while reading
		}
		general := readGeneral(t, data, cb, ReadOptions{Columns: benchColumns, Calendar: Calendar{FiscalStart: 1}})
		for _, workers := range []int{1, 2, 4} {
			got := readFast(t, data, cb, ReadOptions{Columns: benchColumns, Calendar: Calendar{FiscalStart: 1}}, workers, 4096)
			if d := got.diff(general); d != "" {
				t.Fatalf("%d goroutines, part limit %d: %s", workers, limit, d)
			}
			if got.fastRows != 3000 {
				t.Errorf("the fast path read %d of 3000 rows", got.fastRows)
			}
		}
	}
}

// FuzzFastPath: whatever the input, the fast path gives what the general path gives.
func FuzzFastPath(f *testing.F) {
	f.Add([]byte(fastHeader+"\n"+fastRow("a", "p", "P", "O", "top", "2026Q1", clean16)+"\n"), uint8(0))
	f.Add([]byte(fastHeader+"\r\n"+fastRow("a", "p", "P", "O", "top", "2026Q1", clean16)+"\r\n,,\r\n"+fastRow("b", "p", "P", "O", "", "2026-02-01", "5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5")), uint8(3))
	f.Add([]byte(fastHeader+"\n"+fastRow("\"a\nb\"", "p", "P", "O", "top", "2026Q1", clean16)+"\n"), uint8(1))
	f.Add([]byte(fastHeader+"\n"+fastRow("a", "p", " P", "O", "top", "2026Q1", "1,2,x")+"\n"), uint8(2))
	f.Add(mustShiftJIS(fastHeader+"\n"+fastRow("a", "回答者", "市役所", "O", "top", "2026Q1", clean16)+"\n"), uint8(4))
	cb := BuiltinCodebook()
	f.Fuzz(func(t *testing.T, data []byte, mode uint8) {
		encodings := []Encoding{EncodingAuto, EncodingUTF8, EncodingShiftJIS}
		opt := ReadOptions{Columns: fastColumns, Calendar: Calendar{FiscalStart: 1}, Encoding: encodings[int(mode)%3]}
		general := readGeneral(t, data, cb, opt)
		got := readFast(t, data, cb, opt, 1+int(mode/3)%3, 1+int(mode/9)%40)
		if d := got.diff(general); d != "" {
			t.Fatal(d)
		}
	})
}

// TestKeyWordExact: short keys are packed exactly, so that no two share a word.
func TestKeyWordExact(t *testing.T) {
	seen := map[uint64]string{}
	alphabet := []byte{0, 'a', 'b', 0xff}
	var walk func(prefix []byte)
	walk = func(prefix []byte) {
		if w, ok := seen[keyWord(prefix)]; ok && w != string(prefix) {
			t.Fatalf("%q and %q share a word", w, prefix)
		}
		seen[keyWord(prefix)] = string(prefix)
		if len(prefix) == 7 {
			return
		}
		for _, c := range alphabet {
			walk(append(append([]byte(nil), prefix...), c))
		}
	}
	walk(nil)
	if len(seen) < 20000 {
		t.Fatalf("only %d keys tried", len(seen))
	}
}
