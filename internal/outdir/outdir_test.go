package outdir

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// writeFolder writes files (name → content) into the output folder out as a run does.
func writeFolder(t *testing.T, out string, files map[string]string) {
	t.Helper()
	claim, err := Take(context.Background(), out, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer claim.Release()
	var list []File
	for name, content := range files {
		list = append(list, File{Name: name, Write: func(w io.Writer) error { _, err := io.WriteString(w, content); return err }})
	}
	if err := claim.Write(list); err != nil {
		t.Fatal(err)
	}
}

// TestRemoveOwnedKeepsWhatItDidNotWrite: removing a previous output deletes, file by
// file, only what its marker lists unchanged: a file that appeared in it, or one
// changed since, stays (with the folder and its marker).
func TestRemoveOwnedKeepsWhatItDidNotWrite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	writeFolder(t, out, map[string]string{"scores.csv": "a\n", "trends.csv": "b\n", "charts/heatmap.svg": "<svg/>"})
	if err := os.WriteFile(filepath.Join(out, "charts", "late.md"), []byte("written after the check\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "scores.csv"), []byte("edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	removeOwned(out)
	for _, name := range []string{"charts/late.md", "scores.csv", MarkerFile} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(name))); err != nil {
			t.Errorf("%s was removed: %v", name, err)
		}
	}
	for _, name := range []string{"trends.csv", "charts/heatmap.svg"} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(name))); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s, renkei's and unchanged, is still there (%v)", name, err)
		}
	}
}
