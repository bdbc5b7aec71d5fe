package survey

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
)

// dedupFile is a responses file of the fast header: n clean rows, and at every tenth
// row a second submission of the row five before it (the same respondent), so that
// duplicates fall in every piece of a fast read. It returns the file and the lines of
// the duplicates.
func dedupFile(n int) ([]byte, []int) {
	var b strings.Builder
	b.WriteString(fastHeader + "\n")
	var dups []int
	for i := range n {
		id := i
		if i%10 == 9 {
			id = i - 5
			dups = append(dups, i+2)
		}
		b.WriteString(fastRow(fmt.Sprintf("r%d", i), fmt.Sprintf("p%d", id), fmt.Sprintf("P%d", id%3), "O", "top", "2026Q1", clean16) + "\n")
	}
	return []byte(b.String()), dups
}

// handedOn reads data with Skip on the general path (workers 0) or the fast path, and
// returns the lines of the responses handed on, in order.
func handedOn(t *testing.T, data []byte, skip []int, workers int) []int {
	t.Helper()
	defer func(old int) { fastChunkSize = old }(fastChunkSize)
	fastChunkSize = 512
	rd, err := NewReader(bytes.NewReader(data), "f.csv", BuiltinCodebook(), ReadOptions{Columns: fastColumns, Skip: skip})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var lines []int
	if workers == 0 {
		for {
			r, err := rd.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			lines = append(lines, r.Line)
		}
	} else {
		err = rd.ReadAll(context.Background(), workers, func(_ int, b *Batch) {
			mu.Lock()
			defer mu.Unlock()
			var r Response
			for i := 0; i < b.Len; i++ {
				b.Response(i, &r)
				if r.Respondent != fmt.Sprintf("p%d", idOfLine(r.Line)) {
					t.Errorf("line %d: respondent %q, its row was moved wrongly", r.Line, r.Respondent)
				}
				lines = append(lines, r.Line)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		if rd.fastRows == 0 {
			t.Error("the fast path read nothing")
		}
	}
	slices.Sort(lines)
	return lines
}

// idOfLine is the respondent number dedupFile writes on line.
func idOfLine(line int) int {
	if i := line - 2; i%10 == 9 {
		return i - 5
	}
	return line - 2
}

// TestDuplicatesSkipped: the checker lists the later places of duplicate rows, and a
// read that skips them hands on every other row and none of them, on the general
// path and on the fast path with any number of goroutines.
func TestDuplicatesSkipped(t *testing.T) {
	data, wantDups := dedupFile(400)
	qc := NewQualityChecker(BuiltinCodebook())
	defer qc.Close()
	rd, err := NewReader(bytes.NewReader(data), "f.csv", BuiltinCodebook(), ReadOptions{Columns: fastColumns, Quality: qc})
	if err != nil {
		t.Fatal(err)
	}
	if err := rd.ReadAll(context.Background(), 2, func(int, *Batch) {}); err != nil {
		t.Fatal(err)
	}
	dups := qc.Duplicates("f.csv")
	if !slices.Equal(dups, wantDups) {
		t.Fatalf("Duplicates = %v, want %v", dups, wantDups)
	}
	if got := qc.Duplicates("other.csv"); got != nil {
		t.Errorf("Duplicates of a file never read = %v", got)
	}
	var want []int
	for line := 2; line < 402; line++ {
		if !slices.Contains(wantDups, line) {
			want = append(want, line)
		}
	}
	for _, workers := range []int{0, 1, 2, 5} {
		t.Run(fmt.Sprintf("Workers%d", workers), func(t *testing.T) {
			if got := handedOn(t, data, dups, workers); !slices.Equal(got, want) {
				t.Errorf("handed on %d lines %v…, want %d lines %v…", len(got), got[:min(12, len(got))], len(want), want[:12])
			}
		})
	}
}

// TestDuplicatesAcrossFiles: a row of a second file that repeats a row of the first is
// a duplicate of the second file; the first place, in the first file, is kept.
func TestDuplicatesAcrossFiles(t *testing.T) {
	first := "r1,p1,2026Q1,,,1,2,3,4,5\nr2,p1,2026Q1,,,2,2,3,4,5\n"
	second := "r3,p1,2026Q1,,,3,3,3,3,3\nr1,p1,2026Q1,,,1,2,3,4,5\n,p1,2026Q1,,,5,4,3,2,1\n,p1,2026Q1,,,5,4,3,2,1\n"
	problems, qc := readQuality(t, [2]string{"a.csv", first}, [2]string{"b.csv", second})
	defer qc.Close()
	if got := qc.Duplicates("a.csv"); len(got) != 0 {
		t.Errorf("Duplicates(a.csv) = %v, want none", got)
	}
	if got, want := qc.Duplicates("b.csv"), []int{3, 5}; !slices.Equal(got, want) {
		t.Errorf("Duplicates(b.csv) = %v, want %v", got, want)
	}
	var msgs []string
	for _, p := range problems {
		if p.Code == CodeDuplicate {
			msgs = append(msgs, p.Message)
		}
	}
	if len(msgs) != 2 || !strings.Contains(msgs[0], "a.csv line 2; only the first is scored") || !strings.Contains(msgs[1], "identical to line 4; only the first is scored") {
		t.Errorf("duplicate messages %q", msgs)
	}
}

// TestBatchDropLines: dropping lines keeps every other response whole — answers,
// patterns, texts and phases — in order.
func TestBatchDropLines(t *testing.T) {
	keys := NewKeys()
	b := &Batch{Keys: keys, Items: 2}
	for i := range 6 {
		r := Response{Line: 10 + i, Partnership: fmt.Sprintf("p%d", i), Respondent: fmt.Sprintf("r%d", i), Answers: []int8{int8(i), int8(i + 1)}}
		if i == 4 {
			r.Phase = PhaseAfter
		}
		keys.mu.Lock()
		pw := keys.pwID(keys.intern(KeyPartnership, r.Partnership), int32(r.Wave.Index()))
		keys.mu.Unlock()
		b.appendResponse(&r, pw)
	}
	for _, tt := range []struct {
		name string
		skip []int
		want []int
	}{
		{"None", []int{1, 9, 16, 20}, []int{10, 11, 12, 13, 14, 15}},
		{"Some", []int{1, 11, 12, 15, 30}, []int{10, 13, 14}},
		{"All", []int{10, 11, 12, 13, 14, 15}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := *b
			c.PW, c.Org, c.Role, c.Line = slices.Clone(b.PW), slices.Clone(b.Org), slices.Clone(b.Role), slices.Clone(b.Line)
			c.Answers, c.spans, c.phases = slices.Clone(b.Answers), slices.Clone(b.spans), slices.Clone(b.phases)
			c.DropLines(tt.skip)
			if !slices.Equal(c.Line, tt.want) || c.Len != len(tt.want) {
				t.Fatalf("lines %v (Len %d), want %v", c.Line, c.Len, tt.want)
			}
			var r Response
			for i := 0; i < c.Len; i++ {
				c.Response(i, &r)
				n := r.Line - 10
				if r.Respondent != fmt.Sprintf("r%d", n) || r.Partnership != fmt.Sprintf("p%d", n) || !slices.Equal(r.Answers, []int8{int8(n), int8(n + 1)}) || (r.Phase == PhaseAfter) != (n == 4) {
					t.Errorf("response %d is %+v, not the one of line %d", i, r, r.Line)
				}
			}
		})
	}
}

// TestDuplicateKeySameOnBothPaths: the fast path builds a row's duplicate key from its
// cells as the general path builds it from the Response (appendDupKey), with and
// without a respondent id: every row of a file read on the fast path repeats a row of
// one read before on the general path, and is found as a duplicate.
func TestDuplicateKeySameOnBothPaths(t *testing.T) {
	var b strings.Builder
	b.WriteString(fastHeader + "\n")
	roles := [3]string{"top", "middle", "frontline"}
	n := 60
	for i := range n {
		respondent := ""
		if i%2 == 0 {
			respondent = fmt.Sprintf("r%d", i)
		}
		answers := strings.Split(clean16, ",")
		answers[i%16] = fmt.Sprint(1 + i%5)
		b.WriteString(strings.Join([]string{fmt.Sprint(i), respondent, fmt.Sprintf("P%d", i%3), fmt.Sprintf("機関%d", i%4), roles[i%3], "2026Q1",
			fmt.Sprintf("2026-01-%02d", 1+i%28), strings.Join(answers, ",")}, ",") + "\n")
	}
	data := []byte(b.String())
	qc := NewQualityChecker(BuiltinCodebook())
	defer qc.Close()
	general, err := NewReader(bytes.NewReader(data), "a.csv", BuiltinCodebook(), ReadOptions{Columns: fastColumns, Quality: qc})
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := general.Read(); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
	}
	if got := qc.Duplicates("a.csv"); len(got) != 0 {
		t.Fatalf("the first file has duplicates %v", got)
	}
	defer func(old int) { fastChunkSize = old }(fastChunkSize)
	fastChunkSize = 512
	fast, err := NewReader(bytes.NewReader(data), "b.csv", BuiltinCodebook(), ReadOptions{Columns: fastColumns, Quality: qc})
	if err != nil {
		t.Fatal(err)
	}
	if err := fast.ReadAll(context.Background(), 2, func(int, *Batch) {}); err != nil {
		t.Fatal(err)
	}
	if fast.fastRows != n {
		t.Fatalf("the fast path read %d rows of %d", fast.fastRows, n)
	}
	var want []int
	for line := 2; line < n+2; line++ {
		want = append(want, line)
	}
	if got := qc.Duplicates("b.csv"); !slices.Equal(got, want) {
		t.Errorf("Duplicates(b.csv) = %v, want every line %v", got, want)
	}
}
