package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostile is the folder of the hostile-input corpus.
var hostile = filepath.Join(repoRoot, "testdata", "hostile")

// TestHostileFiles: a file that cannot be used as a whole stops the run with exit code
// 2 and one message naming the file (and the line where there is one), and writes
// nothing.
func TestHostileFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	header := "partnership,wave,comm1,comm2\n"
	cases := []struct {
		name string
		args []string
		file string // the file the message must name
		want string // a fragment of the message
	}{
		{"Empty", []string{"--input", filepath.Join(hostile, "empty.csv")}, "empty.csv", "the file is empty"},
		{"HeaderOnly", []string{"--input", filepath.Join(hostile, "header_only.csv")}, "header_only.csv", "a header but no responses"},
		{"BOMOnly", []string{"--input", filepath.Join(hostile, "bom_only.csv")}, "bom_only.csv", "the file is empty"},
		{"UnterminatedQuote", []string{"--input", filepath.Join(hostile, "unterminated_quote.csv")}, "unterminated_quote.csv:2:", "broken CSV quoting"},
		{"DuplicateColumns", []string{"--input", filepath.Join(hostile, "duplicate_columns.csv")}, "duplicate_columns.csv:1:", `columns 3 and 4 are both titled "comm1"`},
		{"NULByte", []string{"--input", filepath.Join(hostile, "nul_byte.csv")}, "nul_byte.csv:2:", "NUL byte"},
		{"InvalidUTF8Declared", []string{"--input", filepath.Join(hostile, "invalid_utf8.csv"), "--encoding", "utf-8"}, "invalid_utf8.csv:3:", "not valid UTF-8"},
		{"MixedEncodings", []string{"--input", filepath.Join(hostile, "mixed_encodings.csv")}, "mixed_encodings.csv", "neither UTF-8 nor Shift_JIS"},
		{"NoWave", []string{"--input", filepath.Join(hostile, "no_wave.csv")}, "no_wave.csv:1:", `no "wave" column`},
		{"NoPartnership", []string{"--input", filepath.Join(hostile, "no_partnership.csv")}, "no_partnership.csv:1:", `no "partnership" column`},
		{"HugeField", []string{"--input", write("huge_field.csv", []byte(header+"p,2026Q1,"+strings.Repeat("x", 10<<20)+",3\n"))}, "huge_field.csv:2:", "KiB of text"},
		{"TenThousandColumns", []string{"--input", write("wide.csv", []byte("partnership,wave,comm1"+strings.Repeat(",c", 10000)+"\n"))}, "wide.csv:1:", "10003 columns"},
		{"CodebookItemTwice", []string{"--codebook", filepath.Join(hostile, "codebook_item_twice.csv")}, "codebook_item_twice.csv:3:", `"comm1" is listed twice`},
		{"CodebookMinAboveMax", []string{"--codebook", filepath.Join(hostile, "codebook_min_above_max.csv")}, "codebook_min_above_max.csv:2:", "min 5 is not below max 1"},
		{"CodebookNoDimension", []string{"--codebook", filepath.Join(hostile, "codebook_no_dimension.csv")}, "codebook_no_dimension.csv:2:", "has no dimension"},
		{"InputIsFolder", []string{"--input", hostile}, "hostile", "is a folder"},
		{"InputMissing", []string{"--input", filepath.Join(dir, "missing.csv")}, "missing.csv", "no such file"},
		{"OutputNotWritable", []string{"--out", filepath.Join(write("a-file", []byte("x")), "out")}, "a-file", "cannot create the output folder"},
		{"SecondFileBad", []string{"--input", filepath.Join(hostile, "rows.csv") + "," + filepath.Join(hostile, "empty.csv")}, "empty.csv", "the file is empty"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			clearEnv(t)
			out := filepath.Join(t.TempDir(), "out")
			r := mustRun(t, append([]string{"run", "--formats", "csv", "--out", out}, tc.args...)...)
			if r.code != exitUsage {
				t.Errorf("exit %d, want %d", r.code, exitUsage)
			}
			msg := lastLine(r.stderr)
			if !strings.HasPrefix(msg, "renkei: ") || !strings.Contains(msg, tc.file) || !strings.Contains(msg, tc.want) {
				t.Errorf("message %q should name %q and say %q", msg, tc.file, tc.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("the output folder was written (%v)", err)
			}
		})
	}
}

// TestHostileRows: faulty cells and rows are reported with line and column, and the
// rest of each row is kept.
func TestHostileRows(t *testing.T) {
	clearEnv(t)
	out := filepath.Join(t.TempDir(), "out")
	r := mustRun(t, "run", "--out", out, "--min-group", "3", "--input", filepath.Join(hostile, "rows.csv"))
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	got := map[string]bool{}
	for _, row := range csvRows(t, filepath.Join(out, "quality.csv")) {
		got[row["line"]+":"+row["column"]+":"+row["code"]] = true
	}
	for _, want := range []string{
		"1:9:unknown_column", // extra_q, ignored once
		"2:4:bad_answer",     // 3.5
		"3:4:out_of_range",   // -1
		"4:4:bad_answer",     // 1e9 is not written as a whole number
		"5:4:wide_digit",     // ５ read as 5
		"6:2:bad_wave",       // spring: row skipped
		"7:1:missing_partnership",
	} {
		if !got[want] {
			t.Errorf("quality.csv lacks %s; has %v", want, got)
		}
	}
	// Rows 2–5 and 8 are kept: 5 respondents, each with comm2–comm4 answered, so the
	// communication dimension has 5 scores (k = 3 publishes them).
	for _, row := range csvRows(t, filepath.Join(out, "scores.csv")) {
		if row["breakdown"] == "all" && row["dimension"] == "communication" && row["n"] != "5" {
			t.Errorf("communication n = %s, want 5 (the faulty cells' rows must be kept)", row["n"])
		}
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}
