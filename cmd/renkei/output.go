package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// outputFile is one file of the output folder and the renderer that writes it; name
// is a slash-separated path inside the folder (charts/heatmap.svg).
type outputFile struct {
	name  string
	write func(io.Writer) error
}

// markerFile marks a folder as renkei's output, so that a run replaces only folders it
// wrote itself.
const markerFile = ".renkei-output"

// writeFolder writes files into a new temporary folder beside dir and, only when all
// of them succeeded, puts it in dir's place. A failing or interrupted run leaves the
// previous output untouched, and never a half-written one.
func writeFolder(dir string, files []outputFile) (err error) {
	dir = filepath.Clean(dir)
	if err := checkReplaceable(dir); err != nil {
		return err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return usagef("cannot create the output folder %s (%v); choose another RENKEI_OUT (--out)", dir, err)
	}
	removeStale(parent, filepath.Base(dir))
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return usagef("cannot write beside the output folder %s (%v); choose another RENKEI_OUT (--out)", dir, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.WriteFile(filepath.Join(tmp, markerFile), []byte("written by renkei; the next run replaces this folder\n"), 0o644); err != nil {
		return err
	}
	for _, f := range files {
		if err := writeFile(filepath.Join(tmp, filepath.FromSlash(f.name)), f.write); err != nil {
			return fmt.Errorf("writing %s: %w", f.name, err)
		}
	}
	return replaceDir(tmp, dir)
}

func writeFile(path string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// checkReplaceable refuses to replace a folder that holds something other than an
// earlier renkei output.
func checkReplaceable(dir string) error {
	st, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return usagef("cannot create the output folder %s (%v); choose another RENKEI_OUT (--out)", dir, err)
	}
	if !st.IsDir() {
		return usagef("the output %s exists and is not a folder; choose another RENKEI_OUT (--out)", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, markerFile)); err != nil {
		return usagef("the output folder %s already holds files renkei did not write; choose another RENKEI_OUT (--out) or empty it", dir)
	}
	return nil
}

// replaceDir moves tmp into dir's place, moving any previous dir aside first and
// removing it afterwards.
func replaceDir(tmp, dir string) error {
	if _, err := os.Stat(dir); err == nil {
		old := tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("cannot replace the output folder: %w", err)
		}
		if err := os.Rename(tmp, dir); err != nil {
			os.Rename(old, dir)
			return fmt.Errorf("cannot replace the output folder: %w", err)
		}
		return os.RemoveAll(old)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("cannot create the output folder: %w", err)
	}
	return nil
}

// removeStale removes what killed runs left beside the output folder: their temporary
// folders (.NAME.tmp-*), and a previous output moved aside (.NAME.tmp-*.old) when a run
// died between its two renames. Only folders that hold nothing but renkei's files are
// removed. Two runs writing the same output folder at once are not supported.
func removeStale(parent, base string) {
	stale, _ := filepath.Glob(filepath.Join(parent, "."+base+".tmp-*"))
	for _, d := range stale {
		if _, err := os.Stat(filepath.Join(d, markerFile)); err == nil || isEmptyDir(d) {
			os.RemoveAll(d)
		}
	}
}

func isEmptyDir(dir string) bool {
	entries, err := os.ReadDir(dir)
	return err == nil && len(entries) == 0
}
