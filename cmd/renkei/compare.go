package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"renkei/analysis"
	"renkei/reports"
	"renkei/survey"
)

// comparisonSink feeds the responses that take part in a before/after comparison into
// a Cohort: in 'renkei run' the rows of the two waves given with --before/--after, or
// else the rows with a phase. A nil sink takes nothing.
type comparisonSink struct {
	cohort *analysis.Cohort
	side   func(*survey.Response) (analysis.Side, bool)
}

// newComparisonSink chooses the rows of a run to compare. cfg is validated.
func newComparisonSink(cfg Config, cb *survey.Codebook) *comparisonSink {
	s := &comparisonSink{cohort: analysis.NewCohort(cb)}
	if cfg.Before == "" {
		s.side = func(r *survey.Response) (analysis.Side, bool) {
			switch r.Phase {
			case survey.PhaseBefore:
				return analysis.SideBefore, true
			case survey.PhaseAfter:
				return analysis.SideAfter, true
			}
			return 0, false
		}
		return s
	}
	before, after := cfg.compareWaves()
	s.side = func(r *survey.Response) (analysis.Side, bool) {
		switch r.Wave {
		case before:
			return analysis.SideBefore, true
		case after:
			return analysis.SideAfter, true
		}
		return 0, false
	}
	return s
}

func (s *comparisonSink) add(r *survey.Response) {
	if s == nil {
		return
	}
	if side, ok := s.side(r); ok {
		s.cohort.Add(r, side)
	}
}

// compare returns the comparison, or nil when no row takes part.
func (s *comparisonSink) compare(k int) *analysis.Comparison {
	if s == nil || s.cohort.Len() == 0 {
		return nil
	}
	return s.cohort.Compare(analysis.CompareOptions{MinGroup: k})
}

// compareWaves returns the waves of --before and --after; cfg is validated.
func (c *Config) compareWaves() (before, after survey.Wave) {
	cal := survey.Calendar{FiscalStart: c.FiscalStart}
	before, _ = cal.ParseWave(c.Before)
	after, _ = cal.ParseWave(c.After)
	return before, after
}

// validateCompare checks --before and --after.
func (c *Config) validateCompare() error {
	if (c.Before == "") != (c.After == "") {
		return usagef("RENKEI_BEFORE (--before) and RENKEI_AFTER (--after) go together: give both waves or neither")
	}
	if c.Before == "" {
		return nil
	}
	cal := survey.Calendar{FiscalStart: c.FiscalStart}
	for _, s := range []struct{ env, flag, v string }{{"RENKEI_BEFORE", "before", c.Before}, {"RENKEI_AFTER", "after", c.After}} {
		if _, err := cal.ParseWave(s.v); err != nil {
			return usagef("%s (--%s) must be a wave such as 2026Q2: %v", s.env, s.flag, err)
		}
	}
	if b, a := c.compareWaves(); b == a {
		return usagef("RENKEI_BEFORE (--before) and RENKEI_AFTER (--after) name the same wave %s", c.Before)
	}
	return nil
}

// writeComparison prints the comparison table of a run on stdout, if there is one.
func writeComparison(stdout io.Writer, cmp *analysis.Comparison) error {
	if cmp == nil {
		return nil
	}
	return reports.WriteCompareTable(stdout, cmp)
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

// compareFiles is 'renkei compare [flags] before.csv after.csv': every response of
// the first file is before, every one of the second after (phase and wave do not
// matter). It prints the table on stdout and writes compare.csv into the output folder.
func compareFiles(ctx context.Context, cfg Config, files []string, stdout io.Writer, log *slog.Logger) error {
	if len(files) != 2 {
		return usagef("renkei compare takes two files, before and after: renkei compare [flags] before.csv after.csv")
	}
	if cfg.Input != "" || cfg.Before != "" {
		return usagef("renkei compare takes its two files as arguments; RENKEI_INPUT (--input), RENKEI_BEFORE and RENKEI_AFTER are for renkei run")
	}
	// The output folder is claimed before reading, as renkei run claims it: refused if
	// it holds what renkei did not write or an input, locked, and under the stop guard.
	var claim *outputClaim
	if cfg.wants("csv") {
		inputs := append(inputPaths(cfg), pathSetting{"the before file", files[0]}, pathSetting{"the after file", files[1]})
		var err error
		if claim, err = claimOutput(ctx, cfg.Out, inputs); err != nil {
			return err
		}
		defer claim.release()
	}
	cb, _, err := loadCodebook(cfg)
	if err != nil {
		return err
	}
	enc, _ := survey.ParseEncoding(cfg.Encoding)
	columns, _ := survey.ParseColumnMap(cfg.Columns)
	opt := survey.ReadOptions{Encoding: enc, Columns: columns, Calendar: survey.Calendar{FiscalStart: cfg.FiscalStart}}
	// Each file is checked for duplicates on its own (the same respondent is in both,
	// one side each); when one has any, both are read again without them, as renkei
	// run does, so that no person counts twice on a side.
	readBoth := func(skip [][]int) (*analysis.Cohort, *analysis.AtomTable, []*survey.QualityChecker, error) {
		cohort := analysis.NewCohort(cb)
		atoms := analysis.NewAtomTable(cb) // for the disclosure control, as in renkei run
		var checkers []*survey.QualityChecker
		for i, path := range files {
			side := analysis.Side(i) // SideBefore, then SideAfter
			phase := [...]survey.Phase{survey.PhaseBefore, survey.PhaseAfter}[i]
			src := source{name: path, open: func() (io.ReadCloser, error) { return openInput(path) }}
			o := opt
			if skip == nil {
				o.Quality = survey.NewQualityChecker(cb)
				checkers = append(checkers, o.Quality)
			} else {
				o.Skip = skip[i]
			}
			in, ps, err := ingestFile(ctx, src, cb, o, func(r *survey.Response) {
				// The file is the side: so its responses are counted, whatever phase they say.
				rr := *r
				rr.Phase = phase
				atoms.Add(&rr)
				cohort.Add(&rr, side)
			})
			if err != nil {
				return nil, nil, checkers, err
			}
			if skip == nil {
				log.Info("read", "file", in.File, "encoding", in.Encoding, "rows", in.Rows, "rejected", in.Rejected, "problems", len(ps))
			}
		}
		return cohort, atoms, checkers, nil
	}
	cohort, atoms, checkers, err := readBoth(nil)
	for _, qc := range checkers {
		defer qc.Close()
	}
	if err != nil {
		return err
	}
	skip, dups := make([][]int, len(files)), 0
	for i, path := range files {
		skip[i] = checkers[i].Duplicates(path)
		dups += len(skip[i])
	}
	if dups > 0 {
		log.Info("duplicate rows: reading the files again to count each person once", "duplicates", dups)
		if cohort, atoms, _, err = readBoth(skip); err != nil {
			return err
		}
	}
	cmp := cohort.Compare(analysis.CompareOptions{MinGroup: cfg.MinGroup})
	// The one disclosure control, over the comparison's sets alone: a side minus its
	// pairs, the pooled scope minus its partnerships.
	d := analysis.NewDisclosure(atoms, cfg.MinGroup)
	cmp.RegisterSets(d)
	d.Auditor.Run()
	cmp.ApplyDisclosure(d)
	if claim != nil {
		if err := claim.write([]outputFile{{"compare.csv", func(w io.Writer) error { return reports.WriteCompareCSV(w, cmp) }}}); err != nil {
			return err
		}
		claim.release()
	}
	if err := reports.WriteCompareTable(stdout, cmp); err != nil {
		return fmt.Errorf("writing the table: %w", err)
	}
	log.Info("done", "out", cfg.Out, "scopes", len(cmp.Scopes))
	return nil
}
