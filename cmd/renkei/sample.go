package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"renkei/internal/sample"
)

// writeSample is 'renkei sample [--seed N] [folder]': it runs the sample generator and
// writes the files the built-in run reads; the default seed reproduces them exactly.
// It never overwrites: when any of its files exists it writes none.
func writeSample(args []string, stdout io.Writer, log *slog.Logger) error {
	fs := flag.NewFlagSet("sample", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	seed := fs.Uint64("seed", sample.DefaultSeed, "generator seed")
	if err := fs.Parse(args); err != nil {
		return usagef("renkei sample [--seed N] [folder]: %v", err)
	}
	if fs.NArg() > 1 {
		return usagef("renkei sample takes at most one folder")
	}
	dir := "renkei-sample"
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	var files []sample.SampleFile
	var existing []string
	for _, f := range sample.Generate(*seed) {
		if !strings.HasPrefix(f.Path, "sample/") && !strings.HasPrefix(f.Path, "compare/") {
			continue
		}
		path := filepath.Join(dir, filepath.Base(f.Path))
		if _, err := os.Lstat(path); err == nil {
			existing = append(existing, path)
		} else if !errors.Is(err, os.ErrNotExist) {
			return usagef("renkei sample: cannot write %s (%v); choose another folder", path, err)
		}
		files = append(files, f)
	}
	if len(existing) == 1 {
		return usagef("renkei sample never overwrites, and %s exists; choose another folder, or move the file away", existing[0])
	}
	if len(existing) > 1 {
		return usagef("renkei sample never overwrites, and %s exist; choose another folder, or move the files away", fewNames(existing))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		path := filepath.Join(dir, filepath.Base(f.Path))
		if err := writeNew(path, f.Data); err != nil {
			return err
		}
		fmt.Fprintln(stdout, path)
	}
	log.Info("sample written", "folder", dir, "seed", *seed)
	return nil
}

// writeNew writes a file that must not exist yet (one created since the check is not
// overwritten either).
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return usagef("renkei sample never overwrites, and %s already exists; choose another folder, or move the file away", path)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
