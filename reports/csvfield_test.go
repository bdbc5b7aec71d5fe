package reports

import (
	"bytes"
	"encoding/csv"
	"testing"
)

// handCSVRecord writes rec as WriteScoresCSV writes its fields: each by
// appendCSVField, a comma between, a line break after.
func handCSVRecord(rec []string) []byte {
	var buf []byte
	for i, f := range rec {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendCSVField(buf, f)
	}
	return append(buf, '\n')
}

// stdCSVRecord writes rec with encoding/csv's Writer, as gocsv and writePieces do.
func stdCSVRecord(tb testing.TB, rec []string) []byte {
	tb.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.Write(rec); err != nil {
		tb.Fatal(err)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// sameAsEncodingCSV checks that the hand writer gives encoding/csv's bytes for field
// alone, beside itself, and between other fields.
func sameAsEncodingCSV(t *testing.T, field string) {
	t.Helper()
	for _, rec := range [][]string{{field}, {field, field}, {"x", field, "y"}} {
		if got, want := handCSVRecord(rec), stdCSVRecord(t, rec); !bytes.Equal(got, want) {
			t.Errorf("record %q: hand writer %q, encoding/csv %q", rec, got, want)
		}
	}
}

var csvFieldCases = []struct{ name, field string }{
	{"Plain", "kita-hospital"},
	{"Empty", ""},
	{"Comma", "a,b"},
	{"OnlyComma", ","},
	{"Quotes", `say "hi"`},
	{"LoneQuote", `"`},
	{"CR", "a\rb"},
	{"LF", "a\nb"},
	{"CRLF", "a\r\nb"},
	{"TrailingLF", "a\n"},
	{"LeadingSpace", " a"},
	{"OnlySpace", " "},
	{"LeadingTab", "\ta"},
	{"TrailingSpace", "a "},
	{"LeadingNoBreakSpace", "\u00a0a"},
	{"LeadingNextLine", "\u0085a"},
	{"LeadingIdeographicSpace", "\u3000みなと病院"},
	{"BackslashDot", `\.`},
	{"BackslashDotLonger", `\.x`},
	{"Backslash", `\`},
	{"Japanese", "みなと病院"},
	{"NonUTF8", "\xff\xfe"},
	{"NonUTF8Comma", "\xff,"},
	{"ShiftJISBytes", "\x82\xa0\x82\xa2"},
	{"TruncatedUTF8Space", "\xe3\x80"},
	{"SafeTextApostrophe", "'=SUM(A1)"},
}

// TestAppendCSVFieldMatchesEncodingCSV: the speed path of scores.csv (appendCSVField)
// writes, case by case, the bytes encoding/csv's Writer writes for the same record.
func TestAppendCSVFieldMatchesEncodingCSV(t *testing.T) {
	for _, tc := range csvFieldCases {
		t.Run(tc.name, func(t *testing.T) { sameAsEncodingCSV(t, tc.field) })
	}
}

// FuzzCSVField: for any field, and any pair of fields, the hand writer and
// encoding/csv's Writer write the same bytes.
func FuzzCSVField(f *testing.F) {
	for _, tc := range csvFieldCases {
		f.Add(tc.field, "x")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		sameAsEncodingCSV(t, a)
		if got, want := handCSVRecord([]string{a, b}), stdCSVRecord(t, []string{a, b}); !bytes.Equal(got, want) {
			t.Errorf("record %q: hand writer %q, encoding/csv %q", []string{a, b}, got, want)
		}
	})
}
