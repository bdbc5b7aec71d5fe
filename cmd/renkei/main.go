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
// win. Exit codes: 0 success; 1 a runtime failure, or a bug (a panic: the message says
// so, and the stack follows); 2 bad usage, settings or input (the message names the file
// and line), an output folder renkei may not replace or another run is writing, or with
// --strict too many flawed rows; 3 the quality gate (RENKEI_GATE_*) failed (with
// --strict and with 3 every output was written first); 130 and 143 stopped by SIGINT or
// SIGTERM, the previous output intact. Logs go to stderr, results to the output folder, which appears complete or
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
	"strings"
	"sync"
	"syscall"

	"renkei/internal/crash"
	"renkei/internal/outdir"
	"renkei/internal/settings"
	"renkei/internal/usage"
	"renkei/run"
	"renkei/survey"
)

// softMemoryLimit is the heap size the garbage collector tries to stay under (a soft
// limit: a run that needs more gets more).
const softMemoryLimit = 128 << 20

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
	exitGate    = 3 // the quality gate failed; every output was written

	exitInterrupted = 130 // SIGINT (128 + 2): the previous output is intact
	exitTerminated  = 143 // SIGTERM (128 + 15)
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
	// SIGINT and SIGTERM cancel ctx with the signal as its cause, so that command can
	// tell them apart (130 and 143); command then returns without waiting for the command.
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	ctx, cancel := context.WithCancelCause(context.Background())
	go func() { cancel(interruption{<-signals}) }()
	code := command(ctx, os.Args[1:], os.Stdout, os.Stderr)
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

// command is the whole command line, testable in-process: it returns the exit code.
//
// The command runs on a goroutine of its own. When ctx is done (SIGINT, SIGTERM, or a
// test's cancel), command stops the output folder (outdir.Guard: a final rename
// under way completes, none starts, staging folders go), logs "interrupted" and
// returns 130, or 143 for SIGTERM, without waiting for the computation, which does
// not look at ctx everywhere; main then exits. Whatever the abandoned command writes
// to stdout or stderr afterwards is dropped.
func command(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	// The progress bar needs the terminal itself; it draws nothing once main has exited.
	terminal := stderr
	stdout, stderr, closeOutputs := gateWriters(stdout, stderr)
	defer closeOutputs()
	log := newLogger(stderr)
	guard := &outdir.Guard{}
	ctx = outdir.WithGuard(ctx, guard)
	done := make(chan error, 1)
	go func() {
		defer crash.Recover(func(p *crash.Panic) { done <- p }) // a worker's keeps its stack
		beforeCommand(args)
		done <- dispatch(ctx, args, stdout, stderr, terminal, log)
	}()
	var err error
	select {
	case err = <-done:
		if err != nil && ctx.Err() != nil {
			err = outdir.ErrInterrupted // stopped by ctx: reading gives up with ctx's error
		}
	case <-ctx.Done():
		guard.Stop()
		select {
		case err = <-done: // finished meanwhile, or gave up on seeing the stop
		default:
			err = outdir.ErrInterrupted
		}
	}
	if errors.Is(err, outdir.ErrInterrupted) {
		code := interruptedCode(ctx)
		log.Error("interrupted", "signal", signalName(code), "exit", code)
		return code
	}
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(stderr, "renkei: %v\n", err)
	if crashed := (*crash.Panic)(nil); errors.As(err, &crashed) { // a bug: its stack follows
		fmt.Fprintf(stderr, "%s", crashed.Stack)
	}
	return exitCode(err)
}

// beforeCommand is called on the command's goroutine before it starts; tests make it
// panic.
var beforeCommand = func(args []string) {}

// interruption is the cause of main's context when a signal stopped the run.
type interruption struct{ sig os.Signal }

func (i interruption) Error() string { return "interrupted by " + i.sig.String() }

// interruptedCode is the exit code of a run stopped by ctx: 143 for SIGTERM, else 130
// (SIGINT, or a cancel without a signal).
func interruptedCode(ctx context.Context) int {
	var in interruption
	if errors.As(context.Cause(ctx), &in) && in.sig == syscall.SIGTERM {
		return exitTerminated
	}
	return exitInterrupted
}

func signalName(code int) string {
	if code == exitTerminated {
		return "SIGTERM"
	}
	return "SIGINT"
}

// gatedWriter passes writes on until it is closed, then drops them.
type gatedWriter struct {
	mu     *sync.Mutex
	closed *bool
	w      io.Writer
}

func (g gatedWriter) Write(p []byte) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if *g.closed {
		return len(p), nil
	}
	return g.w.Write(p)
}

// gateWriters wraps stdout and stderr so that nothing reaches them once close is
// called: an abandoned command must not write into a test's buffers.
func gateWriters(stdout, stderr io.Writer) (io.Writer, io.Writer, func()) {
	mu, closed := &sync.Mutex{}, new(bool)
	return gatedWriter{mu, closed, stdout}, gatedWriter{mu, closed, stderr}, func() {
		mu.Lock()
		defer mu.Unlock()
		*closed = true
	}
}

func exitCode(err error) int {
	var ue *usage.Error
	var fe *survey.FileError
	var ge *run.GateError
	var qe *run.QualityError
	var crashed *crash.Panic
	switch {
	case errors.As(err, &crashed):
		return exitFailure // before the others: a bug is never the user's input
	case errors.Is(err, outdir.ErrInterrupted):
		return exitInterrupted
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

// dispatch runs the command of args; terminal is stderr as the process has it, for the
// progress bar.
func dispatch(ctx context.Context, args []string, stdout, stderr, terminal io.Writer, log *slog.Logger) error {
	if len(args) == 0 {
		printHelp(stderr)
		return usage.Errorf("no command given")
	}
	verb, rest := args[0], args[1:]
	switch verb {
	case "help", "-h", "--help", "-help":
		printHelp(stdout)
		return nil
	case "version", "--version":
		fmt.Fprintf(stdout, "renkei %s (%s)\n", run.Version, goVersion())
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
		opts, pos, err := loadConfig(flags)
		if errors.Is(err, flag.ErrHelp) {
			printHelp(stdout)
			return nil
		}
		if err != nil {
			return err
		}
		opts.Terminal = terminal
		if verb == "compare" {
			return run.Compare(ctx, opts, files, stdout, log)
		}
		if len(pos) > 0 {
			return usage.Errorf("unexpected argument %q; give input files with --input or RENKEI_INPUT", pos[0])
		}
		if verb == "validate" {
			return run.Validate(ctx, opts, stdout, log)
		}
		return run.Job(ctx, opts, stdout, log)
	}
	return usage.Errorf("unknown command %q; run 'renkei help'", verb)
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
	settings.Print(w, run.Settings{}, envPrefix)
	fmt.Fprint(w, `
Exit codes: 0 success; 1 runtime failure, or a bug in renkei (the message says so);
2 bad usage, settings or input, an output folder renkei may not replace or another run
is writing (with --strict also too many flawed rows); 3 quality gate failed; 130/143
stopped by SIGINT/SIGTERM, the previous output intact. With 3, and with --strict,
every output was still written.
`)
}

// splitArgs separates flags (every setting takes a value: --flag value or
// --flag=value) from positional arguments, so that flags may follow the files.
func splitArgs(args []string) (flags, positional []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return flags, append(positional, args[i+1:]...)
		case strings.HasPrefix(a, "-") && len(a) > 1:
			flags = append(flags, a)
			if !strings.Contains(a, "=") && i+1 < len(args) && a != "-h" && a != "--help" && a != "-help" {
				flags = append(flags, args[i+1])
				i++
			}
		default:
			positional = append(positional, a)
		}
	}
	return flags, positional
}
