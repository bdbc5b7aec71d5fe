package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"renkei/testdata"
)

// writeSample is 'renkei sample [--seed N] [folder]': it runs the sample generator and
// writes the files the built-in run reads; the default seed reproduces them exactly.
func writeSample(args []string, stdout io.Writer, log *slog.Logger) error {
	fs := flag.NewFlagSet("sample", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	seed := fs.Uint64("seed", testdata.DefaultSeed, "generator seed")
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
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range testdata.Generate(*seed) {
		if !strings.HasPrefix(f.Path, "sample/") && !strings.HasPrefix(f.Path, "compare/") {
			continue
		}
		path := filepath.Join(dir, filepath.Base(f.Path))
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			return err
		}
		fmt.Fprintln(stdout, path)
	}
	log.Info("sample written", "folder", dir, "seed", *seed)
	return nil
}
