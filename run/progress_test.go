package run

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestProgressBarOnlyOnTerminal: no bar is drawn when stderr is a buffer, a pipe or a
// file, as in CI logs and scripts, however large the input.
func TestProgressBarOnlyOnTerminal(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.csv")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, progressMin); err != nil {
		t.Fatal(err)
	}
	logFile, err := os.Create(filepath.Join(dir, "stderr.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	for name, stderr := range map[string]io.Writer{"Buffer": &bytes.Buffer{}, "File": logFile, "Pipe": w} {
		t.Run(name, func(t *testing.T) {
			progress, done := progressBar(stderr, big)
			done()
			if progress != nil {
				t.Error("a progress bar on a stderr that is not a terminal")
			}
		})
	}
}
