package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"

	"renkei/internal/sample"
	"renkei/internal/usage"
)

// writeSample is 'renkei sample [--seed N] [folder]': it runs the sample generator and
// writes the files the built-in run reads; the default seed reproduces them exactly.
// It never overwrites: when any of its files exists it writes none.
func writeSample(args []string, stdout io.Writer, log *slog.Logger) error {
	fs := flag.NewFlagSet("sample", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	seed := fs.Uint64("seed", sample.DefaultSeed, "generator seed")
	if err := fs.Parse(args); err != nil {
		return usage.Errorf("renkei sample [--seed N] [folder]: %v", err)
	}
	if fs.NArg() > 1 {
		return usage.Errorf("renkei sample takes at most one folder")
	}
	dir := "renkei-sample"
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	paths, err := sample.WriteFolder(dir, *seed)
	for _, path := range paths {
		fmt.Fprintln(stdout, path)
	}
	if err != nil {
		return err
	}
	log.Info("sample written", "folder", dir, "seed", *seed)
	return nil
}
