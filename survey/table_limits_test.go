package survey

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// codebookOf returns a codebook CSV of dims dimensions of per items each.
func codebookOf(dims, per int) string {
	var b strings.Builder
	b.WriteString(testCodebookHeader)
	for d := range dims {
		for i := range per {
			fmt.Fprintf(&b, "d%di%d,d%d,false,1,5,,,\n", d, i, d)
		}
	}
	return b.String()
}

// TestTableLimits checks each limit of the codebook, roster and actions tables: a
// table just within it reads, one beyond it fails with the file, the line, the column
// and the limit named.
func TestTableLimits(t *testing.T) {
	name, text := strings.Repeat("n", maxNameBytes), strings.Repeat("t", maxTextBytes)
	tooLongName, tooLongText := name+"n", text+"t"
	read := map[string]func(string) error{
		"codebook": func(s string) error { _, err := ReadCodebook(strings.NewReader(s), "t.csv"); return err },
		"roster":   func(s string) error { _, err := ReadRoster(strings.NewReader(s), "t.csv"); return err },
		"actions":  func(s string) error { _, err := ReadActions(strings.NewReader(s), "t.csv"); return err },
	}
	rows := func(header, row string, n int) string {
		var b strings.Builder
		b.WriteString(header + "\n")
		for i := range n {
			fmt.Fprintf(&b, row+"\n", i)
		}
		return b.String()
	}
	tests := []struct {
		name, table, data string
		wantLine          int    // 0: the table must read
		wantMsg           string // part of the error
	}{
		{"CodebookMostItems", "codebook", codebookOf(64, 16), 0, ""},
		{"CodebookTooManyItems", "codebook", codebookOf(64, 16) + "x,d0,false,1,5,,,\n", 1026, "more than 1024 items; at most 64 dimensions of 16 items"},
		{"CodebookTooManyDimensions", "codebook", codebookOf(65, 1), 66, `item "d64i0" opens a dimension beyond the 64 supported`},
		{"CodebookLongText", "codebook", testCodebookHeader + "a1,alpha,false,1,5," + text + "," + text + "," + text + "\n", 0, ""},
		{"CodebookTextTooLong", "codebook", testCodebookHeader + "a1,alpha,false,1,5,," + tooLongText + ",\n", 2, "column 7 (text_ja) holds 4097 bytes; a cell of the codebook holds at most 4 KiB"},
		{"CodebookItemTooLong", "codebook", testCodebookHeader + tooLongName + ",alpha,false,1,5,,,\n", 2, "column 1 (item) holds 1025 bytes; a cell of the codebook holds at most 1 KiB"},
		{"CodebookHeaderTooLong", "codebook", strings.TrimSuffix(testCodebookHeader, "\n") + "," + tooLongName + "\n", 1, "header column 9 holds 1025 bytes"},
		{"RosterMostRows", "roster", rows(RosterHeader, "p%d,,A,,,1", 250_000), 0, ""},
		{"RosterTooManyRows", "roster", rows(RosterHeader, "p%d,,A,,,1", 250_001), 250_002, "the roster has more than 250000 rows"},
		{"RosterLongNames", "roster", RosterHeader + "\np," + name + "," + name + ",,,1\n", 0, ""},
		{"RosterNameTooLong", "roster", RosterHeader + "\np,," + tooLongName + ",,,1\n", 2, "column 3 (org) holds 1025 bytes; a cell of the roster holds at most 1 KiB"},
		{"ActionsMostRows", "actions", rows(ActionsHeader, "d%d,,en,x", 10_000), 0, ""},
		{"ActionsTooManyRows", "actions", rows(ActionsHeader, "d%d,,en,x", 10_001), 10_002, "more than 10000 rows"},
		{"ActionsLongText", "actions", ActionsHeader + "\nd,,en," + text + "\n", 0, ""},
		{"ActionsTextTooLong", "actions", ActionsHeader + "\nd,,en,\"" + tooLongText + "\"\n", 2, "column 4 (action) holds 4097 bytes; a cell of the actions table holds at most 4 KiB — shorten it"},
		{"ActionsDimensionTooLong", "actions", ActionsHeader + "\n" + tooLongName + ",,en,x\n", 2, "column 1 (dimension) holds 1025 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := read[tt.table](tt.data)
			if tt.wantLine == 0 {
				if err != nil {
					t.Fatalf("error %v, want none", err)
				}
				return
			}
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v, want a *FileError", err)
			}
			if fe.File != "t.csv" || fe.Line != tt.wantLine || !strings.Contains(fe.Error(), tt.wantMsg) {
				t.Errorf("error %q on line %d, want line %d and %q", fe, fe.Line, tt.wantLine, tt.wantMsg)
			}
		})
	}
}

// TestTableLimitsMemory reads the largest tables the size limit (16 MiB) allows and
// checks that refusing them costs little: the rows are counted before gocsv reads them.
func TestTableLimitsMemory(t *testing.T) {
	var b strings.Builder
	b.WriteString(RosterHeader + "\n")
	for i := 0; b.Len() < maxTableBytes-64; i++ {
		fmt.Fprintf(&b, "p%d,,A,,,1\n", i)
	}
	data := b.String()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := ReadRoster(strings.NewReader(data), "roster.csv")
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "more than 250000 rows") {
		t.Fatalf("error %v, want the row limit", err)
	}
	// Reading the whole table with gocsv took 2 GiB.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 128<<20 {
		t.Errorf("refusing a 16 MiB roster allocated %d MiB, want ≤ 128", alloc>>20)
	}
}
