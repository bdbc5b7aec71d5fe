package run

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"strings"
	"sync"

	"renkei/analysis"
	"renkei/internal/outdir"
	"renkei/internal/sample"
	"renkei/internal/usage"
	"renkei/reports"
	"renkei/survey"
)

// source is one responses file to read.
type source struct {
	name string
	open func() (io.ReadCloser, error)
}

// sources lists the input files of opts, or the built-in sample when none is given. A
// file named twice (under one path or two) is refused: its rows would count twice,
// and as they are the same places in the same file, not as duplicates.
func sources(opts Options, log *slog.Logger) ([]source, error) {
	var out []source
	var seen []os.FileInfo
	for _, path := range opts.Inputs {
		if st, err := os.Stat(path); err == nil { // a path that cannot be read fails when opened
			for i, prev := range seen {
				if prev != nil && os.SameFile(prev, st) {
					return nil, usage.Errorf("RENKEI_INPUT (--input) names %s twice (as %s and %s); name each file once", path, out[i].name, path)
				}
			}
			seen = append(seen, st)
		} else {
			seen = append(seen, nil)
		}
		out = append(out, source{name: path, open: func() (io.ReadCloser, error) { return openInput(path) }})
	}
	if len(out) > 0 {
		return out, nil
	}
	files := sample.Inputs()
	names := make([]string, len(files))
	for i, f := range files {
		data := f.Data
		names[i] = f.Path
		out = append(out, source{name: f.Path, open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }})
	}
	log.Info("no input given: using the built-in sample", "files", strings.Join(names, ","))
	return out, nil
}

func loadCodebook(opts Options) (*survey.Codebook, string, error) {
	if opts.Codebook == "" {
		return survey.BuiltinCodebook(), "built-in", nil
	}
	f, err := openInput(opts.Codebook)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	cb, err := survey.ReadCodebook(f, opts.Codebook)
	return cb, opts.Codebook, err
}

// ingest reads every source into an aggregator, a comparison sink and a relation
// aggregator (made by newSinks). It stops on the first file-level fault, so that no
// output is written from part of the data. Each file is read on as many goroutines as
// GOMAXPROCS allows (survey.Reader.ReadAll); the result is the same for any number.
//
// Duplicate rows (the same respondent, partnership, wave and phase twice, or without
// a respondent id an identical row) must not count a person twice, but the quality
// checker knows them only once a file is read, and the aggregates keep no rows. So
// when the inputs hold any, they are read again into fresh aggregates, passing over
// the later places of each (survey.ReadOptions.Skip): only the first place is scored.
// The quality findings, the inputs' counts and the problems are the first read's.
// So it is too for a respondent who answered in two phases of one wave: the
// comparison pairs the two responses, but the wave's tables (scores, reliability,
// rates, seams) count the person once, by the first place in the input (the second
// read passes the other to the comparison only; survey.QualityChecker.WaveTwins).
// Inputs with neither are read once.
func ingest(ctx context.Context, opts Options, cb *survey.Codebook, qc *survey.QualityChecker, newSinks func() (*comparisonSink, *analysis.RelationAggregator), log *slog.Logger) (*analysis.Aggregator, *comparisonSink, *analysis.RelationAggregator, []reports.Input, []survey.Problem, error) {
	opt := readOptions(opts)
	opt.Quality = qc
	workers := ReadWorkers()
	srcs, err := sources(opts, log)
	if err != nil {
		return nil, nil, nil, nil, nil, err
	}
	var inputs []reports.Input
	var problems []survey.Problem
	// readAll reads every source with opt into fresh aggregates; skip, when not nil,
	// gives the lines each source passes over.
	// twins, when not nil, gives per source the lines the comparison reads but the
	// wave's tables pass over.
	readAll := func(opt survey.ReadOptions, skip, twins [][]int) (*analysis.Aggregator, *comparisonSink, *analysis.RelationAggregator, error) {
		agg := analysis.NewAggregator(cb)
		cmp, rel := newSinks()
		ingests := make([]*analysis.Ingest, max(workers, 1))
		relIngests := make([]*analysis.RelationIngest, len(ingests))
		for w := range ingests {
			ingests[w], relIngests[w] = agg.NewIngest(), rel.NewIngest()
		}
		// The aggregators take whole batches (analysis.Ingest, analysis.RelationIngest), one
		// per goroutine. Consumers of single responses: the comparison takes the rows with a phase, or
		// with --before/--after every row (everyResponse) and picks those of two waves.
		everyResponse := opts.CompareWaves
		var mu sync.Mutex
		file := 0 // the source being read
		sink := func(w int, b *survey.Batch) {
			mu.Lock()
			var r survey.Response
			for i := 0; i < b.Len; i++ {
				if everyResponse || b.Phase(i) != survey.PhaseNone {
					b.Response(i, &r)
					cmp.add(&r)
				}
			}
			mu.Unlock()
			if twins != nil {
				b.DropLines(twins[file])
			}
			ingests[w].Add(b)
			relIngests[w].Add(b)
		}
		for i, src := range srcs {
			file = i
			if skip != nil {
				opt.Skip = skip[i]
			}
			var done func()
			opt.Progress, done = progressBar(opts.Terminal, src.name)
			in, ps, err := readBatches(ctx, src, cb, opt, workers, sink)
			done()
			if err != nil {
				return nil, nil, nil, err
			}
			if skip == nil {
				log.Info("read", "file", in.File, "encoding", in.Encoding, "rows", in.Rows, "rejected", in.Rejected, "problems", len(ps))
				inputs = append(inputs, in)
				problems = append(problems, ps...)
			}
		}
		for w := range ingests {
			ingests[w].Close()
			relIngests[w].Close()
		}
		return agg, cmp, rel, nil
	}
	agg, cmp, rel, err := readAll(opt, nil, nil)
	if err != nil {
		return nil, nil, nil, nil, nil, err
	}
	skip := make([][]int, len(srcs))
	dups := 0
	for i, src := range srcs {
		skip[i] = qc.Duplicates(src.name)
		dups += len(skip[i])
	}
	twins, n := make([][]int, len(srcs)), 0
	for i, src := range srcs {
		twins[i] = qc.WaveTwins(src.name)
		n += len(twins[i])
	}
	if n == 0 {
		twins = nil
	} else {
		log.Info("respondents who answered in two phases of one wave: reading the inputs again to count each once in the wave's tables", "responses", n)
	}
	if dups == 0 && twins == nil {
		return agg, cmp, rel, inputs, problems, nil
	}
	if dups > 0 {
		log.Info("duplicate rows: reading the inputs again to score only the first place of each", "duplicates", dups)
	}
	// The second read checks nothing (its findings are the first read's) and interns
	// its keys afresh, once for all files.
	opt.Quality, opt.Keys = nil, survey.NewKeys()
	agg, cmp, rel, err = readAll(opt, skip, twins)
	if err != nil {
		return nil, nil, nil, nil, nil, err
	}
	return agg, cmp, rel, inputs, problems, nil
}

// ReadWorkers is how many goroutines read a file: GOMAXPROCS. A test hook: tests set
// 0 to read on the general path only.
var ReadWorkers = func() int { return runtime.GOMAXPROCS(0) }

// ReadHook is told the name of every source as it is read. A test hook: tests count
// reads with it.
var ReadHook = func(name string) {}

// readOptions are the survey reader's options of a run.
func readOptions(opts Options) survey.ReadOptions {
	return survey.ReadOptions{Encoding: opts.Encoding, Columns: opts.Columns, Calendar: opts.Calendar}
}

// readBatches reads one source with ReadAll, handing batches of responses to sink.
func readBatches(ctx context.Context, src source, cb *survey.Codebook, opt survey.ReadOptions, workers int, sink func(int, *survey.Batch)) (reports.Input, []survey.Problem, error) {
	f, err := src.open()
	if err != nil {
		return reports.Input{}, nil, err
	}
	defer f.Close()
	ReadHook(src.name)
	rd, err := survey.NewReader(f, src.name, cb, opt)
	if err != nil {
		return reports.Input{}, nil, err
	}
	if err := rd.ReadAll(ctx, workers, sink); err != nil {
		return reports.Input{}, nil, err
	}
	rows, rejected := rd.Rows()
	return reports.Input{File: src.name, Encoding: string(rd.Encoding()), Rows: rows, Rejected: rejected}, rd.Problems(), nil
}

// ingestFile reads one source on one goroutine, handing every accepted response to add.
func ingestFile(ctx context.Context, src source, cb *survey.Codebook, opt survey.ReadOptions, add func(*survey.Response)) (reports.Input, []survey.Problem, error) {
	var r survey.Response
	return readBatches(ctx, src, cb, opt, 1, func(_ int, b *survey.Batch) {
		for i := 0; i < b.Len; i++ {
			b.Response(i, &r)
			add(&r)
		}
	})
}

// Analyse reads the inputs and computes every result of a run: scores, comparison,
// quality, reliability, seams, the disclosure control's decisions, trends and the
// quality gate.
func Analyse(ctx context.Context, opts Options, log *slog.Logger) (*reports.Run, error) {
	run, err := analyse(ctx, opts, log)
	if err != nil {
		return nil, err
	}
	judge(run, opts)
	return run, nil
}

// analyse reads the inputs and computes the results of a run but its trends and gate.
func analyse(ctx context.Context, opts Options, log *slog.Logger) (*reports.Run, error) {
	cb, cbName, err := loadCodebook(opts)
	if err != nil {
		return nil, err
	}
	seams, err := loadSeams(opts)
	if err != nil {
		return nil, err
	}
	qc := survey.NewQualityChecker(cb)
	defer qc.Close()
	newSinks := func() (*comparisonSink, *analysis.RelationAggregator) {
		return newComparisonSink(opts, cb), analysis.NewRelationAggregator(cb, seams.roster != nil)
	}
	agg, cmp, rel, inputs, problems, err := ingest(ctx, opts, cb, qc, newSinks, log)
	if err != nil {
		return nil, err
	}
	opt := analysis.Options{MinGroup: opts.MinGroup, Bands: opts.Bands}
	run := &reports.Run{
		Version:    Version,
		Generated:  opts.Generated,
		Inputs:     inputs,
		Codebook:   cbName,
		Calendar:   opts.Calendar,
		Problems:   problems,
		Result:     agg.Result(opt),
		Comparison: cmp.compare(opts.MinGroup),
	}
	addQuality(run, opts, qc)
	rates := rel.ResponseRates(seams.roster, opts.MinGroup)
	disclose(run, agg, rel, rates, seams.roster)
	addRelations(run, opts, rel, seams, rates)
	return run, nil
}

// Job is 'renkei run': it claims the output folder before reading (outdir), so that
// a folder it may not replace, or one another run is writing, stops it at once; reads
// and computes (Analyse); writes every output; and returns the verdicts: a
// QualityError (too many flawed rows with Strict), a GateError, both, or nil.
func Job(ctx context.Context, opts Options, stdout io.Writer, log *slog.Logger) error {
	out, err := outdir.Take(ctx, opts.Out, inputPaths(opts))
	if err != nil {
		return err
	}
	defer out.Release()
	run, err := Analyse(ctx, opts, log)
	if err != nil {
		return err
	}
	var files []outdir.File
	if opts.wants("csv") {
		// gaps.csv first: once it is written, its table (a few bytes per gap; the
		// gaps are computed again as it is written) is let go (see relationFiles).
		files = append(files, relationFiles(run)...)
		files = append(files,
			outdir.File{Name: "scores.csv", Write: func(w io.Writer) error { return reports.WriteScoresCSV(w, run.Result, run.Calendar) }},
			outdir.File{Name: "trends.csv", Write: func(w io.Writer) error { return reports.WriteTrendsCSV(w, run.Trends, run.Calendar) }},
			outdir.File{Name: "quality.csv", Write: func(w io.Writer) error { return reports.WriteQualityCSV(w, run.Problems) }},
			outdir.File{Name: "suppressed.csv", Write: func(w io.Writer) error { return reports.WriteSuppressedCSV(w, run.Result, run.Calendar) }},
			outdir.File{Name: "reliability.csv", Write: func(w io.Writer) error {
				return reports.WriteReliabilityCSV(w, run.Reliability, run.Calendar)
			}},
			outdir.File{Name: "compare.csv", Write: func(w io.Writer) error { return reports.WriteCompareCSV(w, run.Comparison) }},
		)
	}
	if opts.wants("json") {
		files = append(files, outdir.File{Name: "summary.json", Write: func(w io.Writer) error { return reports.WriteSummaryJSON(w, run) }})
	}
	if opts.wants("md") {
		files = append(files, outdir.File{Name: "summary.md", Write: func(w io.Writer) error { return reports.WriteSummaryMD(w, run) }})
	}
	if opts.wants("charts") || opts.wants("html") || opts.wants("pdf") {
		rendered, err := renderedFiles(opts, run)
		if err != nil {
			return err
		}
		files = append(files, rendered...)
	}
	if err := out.Write(files); err != nil {
		return err
	}
	out.Release()
	if err := writeComparison(stdout, run.Comparison); err != nil {
		return err
	}
	res := run.Result
	log.Info("done", "out", opts.Out, "responses", res.Responses, "partnerships", len(res.Partnerships), "waves", len(res.Waves), "problems", len(run.Problems))
	logReliability(log, run)
	logRelations(log, run)
	if opts.wants("md") {
		appendStepSummary(run, opts.StepSummary, log)
	}
	// Both verdicts are reported; too many flawed rows (exit 2) outranks the gate (3).
	return errors.Join(checkStrict(run), gateOutcome(run))
}

// Validate is 'renkei validate': it reads the inputs, prints each problem and a count,
// and writes nothing. With Strict it returns a QualityError as Job does.
func Validate(ctx context.Context, opts Options, stdout io.Writer, log *slog.Logger) error {
	run, err := analyse(ctx, opts, log)
	if err != nil {
		return err
	}
	for _, p := range run.Problems {
		fmt.Fprintf(stdout, "%s [%s %s]\n", p, p.Severity, p.Code)
	}
	rows, rejected := reports.RowTotals(run.Inputs)
	fmt.Fprintf(stdout, "%d files, %d rows, %d rejected, %d problems\n", len(run.Inputs), rows, rejected, len(run.Problems))
	return checkStrict(run)
}
