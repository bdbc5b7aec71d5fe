// Command renkei turns collaboration-health survey responses into per-partnership
// scores and quality tables.
//
// Usage:
//
//	renkei run [flags]        score the responses, write the output folder
//	renkei validate [flags]   read the responses and list every problem found
//	renkei compare [flags] before.csv after.csv
//	                          compare two surveys: print a table, write compare.csv
//	renkei sample [folder]    write the built-in sample files (default renkei-sample)
//	renkei codebook           print the built-in codebook as CSV
//	renkei version            print the version
//	renkei help               list every setting with its variable, flag and default
//
// With no input (RENKEI_INPUT, --input) renkei run scores the built-in sample. Every
// setting is an environment variable RENKEI_* and a flag of the same meaning; flags
// win. Exit codes: 0 success; 1 a runtime failure; 2 bad usage, settings or input
// (the message names the file and line), or with --strict too many flawed rows; 3 the
// quality gate (RENKEI_GATE_*) failed. In both the last cases every output was written
// first. Logs go to stderr, results to the output folder, which appears complete or
// not at all.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"syscall"

	"renkei/survey"
)

// version is the release of renkei; summary.json records it.
const version = "0.1.0"

// softMemoryLimit is the heap size the garbage collector tries to stay under (a soft
// limit: a run that needs more gets more).
const softMemoryLimit = 128 << 20

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
	exitGate    = 3 // the quality gate failed; every output was written
)

func main() {
	// A batch job over large files: what it keeps grows with the number of groups,
	// while reading makes much short-lived garbage. Half the collector's default
	// headroom, and a soft limit it works harder to stay under, keep the footprint near
	// what is live at a few percent of CPU. GOGC and GOMEMLIMIT override both.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}
	// RENKEI_CPUPROFILE names a file for a CPU profile of the whole run (go tool
	// pprof): for work on speed, not a setting of the job.
	stopProfile := startCPUProfile(os.Getenv("RENKEI_CPUPROFILE"), os.Stderr)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	stopProfile()
	os.Exit(code)
}

// startCPUProfile starts a CPU profile into the file at path and returns what stops
// it; with no path, or a profile that cannot start (said on stderr), nothing.
func startCPUProfile(path string, stderr io.Writer) (stop func()) {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		if err = pprof.StartCPUProfile(f); err != nil {
			f.Close()
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "renkei: no CPU profile (RENKEI_CPUPROFILE): %v\n", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// run is the whole command line, testable in-process: it returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	log := newLogger(stderr)
	ctx = context.WithValue(ctx, stderrKey{}, stderr) // for the progress bar (progress.go)
	err := dispatch(ctx, args, stdout, stderr, log)
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(stderr, "renkei: %v\n", err)
	return exitCode(err)
}

func exitCode(err error) int {
	var ue *usageError
	var fe *survey.FileError
	var ge *gateError
	var qe *qualityError
	switch {
	case errors.As(err, &ue), errors.As(err, &fe), errors.As(err, &qe):
		return exitUsage
	case errors.As(err, &ge):
		return exitGate
	}
	return exitFailure
}

func newLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey && len(groups) == 0 {
				return slog.Attr{} // logs stay comparable between runs
			}
			return a
		},
	}))
}

func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer, log *slog.Logger) error {
	if len(args) == 0 {
		printHelp(stderr)
		return usagef("no command given")
	}
	verb, rest := args[0], args[1:]
	switch verb {
	case "help", "-h", "--help", "-help":
		printHelp(stdout)
		return nil
	case "version", "--version":
		fmt.Fprintf(stdout, "renkei %s (%s)\n", version, goVersion())
		return nil
	case "codebook":
		_, err := stdout.Write(survey.BuiltinCodebookCSV())
		return err
	case "sample":
		return writeSample(rest, stdout, log)
	case "run", "validate", "compare":
		flags, files := rest, []string(nil)
		if verb == "compare" {
			flags, files = splitArgs(rest) // the files may come before the flags
		}
		cfg, pos, err := loadConfig(flags)
		if errors.Is(err, flag.ErrHelp) {
			printHelp(stdout)
			return nil
		}
		if err != nil {
			return err
		}
		if verb == "compare" {
			return compareFiles(ctx, cfg, files, stdout, log)
		}
		if len(pos) > 0 {
			return usagef("unexpected argument %q; give input files with --input or RENKEI_INPUT", pos[0])
		}
		if verb == "validate" {
			return validateInputs(ctx, cfg, stdout, log)
		}
		return runJob(ctx, cfg, stdout, log)
	}
	return usagef("unknown command %q; run 'renkei help'", verb)
}

func goVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		return bi.GoVersion
	}
	return "unknown Go"
}

func printHelp(w io.Writer) {
	fmt.Fprint(w, `renkei: collaboration-health survey scores per partnership

Commands:
  renkei run [flags]        score the responses, write the output folder
  renkei validate [flags]   read the responses and list every problem found
  renkei compare [flags] before.csv after.csv
                            compare a survey before and after (e.g. a training):
                            a table on stdout and compare.csv in the output folder
  renkei sample [folder]    write the built-in sample files (default renkei-sample)
  renkei codebook           print the built-in codebook as CSV
  renkei version            print the version
  renkei help               this text

With no input, 'renkei run' scores the built-in sample.

Settings (environment variable or flag; a flag wins):
`)
	printSettings(w)
	fmt.Fprint(w, `
Exit codes: 0 success; 1 runtime failure; 2 bad usage, settings or input (with
--strict also too many flawed rows); 3 quality gate failed. With 3, and with --strict,
every output was still written.
`)
}
