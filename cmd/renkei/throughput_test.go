package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"renkei/internal/sample"
	"renkei/run"
)

// TestReadPathsSameOutputs: on a 100,000-row workload file every table output is the same
// byte for byte whether the file is read on the general path (encoding/csv, one row at
// a time), or on the fast path by one goroutine or by several.
func TestReadPathsSameOutputs(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 100,000 rows three times")
	}
	clearEnv(t)
	dir := t.TempDir()
	input, codebook := writeWorkload(t, dir, 100_000)
	runWith := func(workers int) string {
		defer func(old func() int) { run.ReadWorkers = old }(run.ReadWorkers)
		run.ReadWorkers = func() int { return workers }
		out := filepath.Join(dir, "out", strings.Repeat("w", workers+1))
		r := mustRun(t, "run", "--input", input, "--codebook", codebook, "--columns", sample.BenchColumns, "--out", out, "--formats", "csv,json,md")
		if r.code != exitOK {
			t.Fatalf("%d goroutines: exit %d: %s", workers, r.code, r.stderr)
		}
		return out
	}
	general := runWith(0)
	for _, workers := range []int{1, 4} {
		fast := runWith(workers)
		for _, name := range []string{"scores.csv", "trends.csv", "quality.csv", "reliability.csv", "compare.csv", "gaps.csv", "network.csv", "network_links.csv", "suppressed.csv", "summary.json", "summary.md"} {
			want, got := readFile(t, filepath.Join(general, name)), readFile(t, filepath.Join(fast, name))
			if !bytes.Equal(want, got) {
				t.Errorf("%s on %d goroutines differs from the general path's:\n%s", name, workers, firstDiff(want, got))
			}
		}
	}
	if rows := strings.Count(string(readFile(t, filepath.Join(general, "quality.csv"))), "\n"); rows < 100 {
		t.Errorf("quality.csv has %d rows; the workload has duplicates and straight-liners", rows)
	}
}

// TestShiftJISCRLFWorkloadSameTables: the Shift_JIS copy of a workload file with CRLF
// line breaks gives the same tables as the UTF-8 original.
func TestShiftJISCRLFWorkloadSameTables(t *testing.T) {
	clearEnv(t)
	dir := t.TempDir()
	input, codebook := writeWorkload(t, dir, 5_000)
	data := readFile(t, input)
	sjis := filepath.Join(dir, "sjis", "review.csv")
	if err := os.MkdirAll(filepath.Dir(sjis), 0o755); err != nil {
		t.Fatal(err)
	}
	// The workload is ASCII, which Shift_JIS encodes as itself.
	if err := os.WriteFile(sjis, bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	tables := func(input, enc, out string) {
		r := mustRun(t, "run", "--input", input, "--codebook", codebook, "--columns", sample.BenchColumns, "--encoding", enc, "--out", out, "--formats", "csv")
		if r.code != exitOK {
			t.Fatalf("%s: exit %d: %s", input, r.code, r.stderr)
		}
	}
	tables(input, "utf-8", filepath.Join(dir, "a"))
	tables(sjis, "shift_jis", filepath.Join(dir, "b"))
	for _, name := range []string{"scores.csv", "trends.csv", "reliability.csv", "compare.csv"} {
		want, got := readFile(t, filepath.Join(dir, "a", name)), readFile(t, filepath.Join(dir, "b", name))
		if !bytes.Equal(want, got) {
			t.Errorf("%s differs:\n%s", name, firstDiff(want, got))
		}
	}
	// quality.csv names the file; the rest of each row is the same.
	strip := func(b []byte, file string) []byte { return bytes.ReplaceAll(b, []byte(file), nil) }
	if want, got := strip(readFile(t, filepath.Join(dir, "a", "quality.csv")), input), strip(readFile(t, filepath.Join(dir, "b", "quality.csv")), sjis); !bytes.Equal(want, got) {
		t.Errorf("quality.csv differs:\n%s", firstDiff(want, got))
	}
}

func writeWorkload(t *testing.T, dir string, rows int) (input, codebook string) {
	t.Helper()
	input, codebook = filepath.Join(dir, "review.csv"), filepath.Join(dir, "codebook.csv")
	if err := os.WriteFile(input, sample.Workload(rows, 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(codebook, sample.BenchCodebook, 0o644); err != nil {
		t.Fatal(err)
	}
	return input, codebook
}

// TestCPUProfile: RENKEI_CPUPROFILE's file holds a profile once the run stops it; a
// path that cannot be written is said on stderr and the run goes on without one.
func TestCPUProfile(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name    string
		path    string
		profile bool
		warns   bool
	}{
		{"NoPath", "", false, false},
		{"Written", filepath.Join(dir, "cpu.prof"), true, false},
		{"Unwritable", filepath.Join(dir, "missing", "cpu.prof"), false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stderr bytes.Buffer
			stop := startCPUProfile(tc.path, &stderr)
			stop()
			if got := stderr.Len() > 0; got != tc.warns {
				t.Errorf("stderr %q; want a warning: %v", stderr.String(), tc.warns)
			}
			if !tc.profile {
				return
			}
			if st, err := os.Stat(tc.path); err != nil || st.Size() == 0 {
				t.Errorf("profile %s: %v, %v bytes", tc.path, err, st)
			}
		})
	}
}
