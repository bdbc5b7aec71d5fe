package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestInputLimits: an input that is endless or not a file, and a file whose row never
// ends, stop the run at once with exit 2, a message naming the file and what to do,
// and nothing written. Each case runs under a deadline: a missing limit hangs or grows
// instead (the memory a long row takes is measured in survey's TestRowLimitMemoryFlat).
func TestInputLimits(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "responses.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	longLine := filepath.Join(dir, "long_line.csv")
	if err := os.WriteFile(longLine, []byte("partnership,wave,comm1\np1,2026Q1,"+strings.Repeat("9", 16<<20)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A file of zeros after a header, 5 GB long but sparse: nothing is written to disk.
	zeros := filepath.Join(dir, "zeros.csv")
	if err := os.WriteFile(zeros, []byte("partnership,wave,comm1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(zeros, 5<<30); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		want []string // fragments of the message
	}{
		{"DevZero", []string{"--input", "/dev/zero"}, []string{"/dev/zero", "is a device, not a regular file", "save the data to a file"}},
		{"FIFO", []string{"--input", fifo}, []string{fifo, "is a named pipe (FIFO)", "save the data to a file"}},
		{"CodebookDevice", []string{"--codebook", "/dev/zero"}, []string{"/dev/zero", "is a device"}},
		{"RosterFIFO", []string{"--roster", fifo}, []string{fifo, "is a named pipe"}},
		{"LongLine", []string{"--input", longLine}, []string{longLine + ":2:", "runs on for more than 1024 KiB of text without a line break"}},
		{"SparseZeros", []string{"--input", zeros}, []string{zeros + ":2:", "holds NUL bytes: this is not a CSV text file"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			clearEnv(t)
			if _, err := os.Stat("/dev/zero"); err != nil && strings.Contains(strings.Join(tc.args, " "), "/dev/zero") {
				t.Skip("no /dev/zero here")
			}
			out := filepath.Join(t.TempDir(), "out")
			r := mustRun(t, append([]string{"run", "--formats", "csv", "--out", out}, tc.args...)...)
			if r.code != exitUsage {
				t.Errorf("exit %d, want %d; stderr:\n%s", r.code, exitUsage, r.stderr)
			}
			msg := lastLine(r.stderr)
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("the output folder was written (%v)", err)
			}
		})
	}
}
