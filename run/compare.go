package run

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"renkei/analysis"
	"renkei/internal/outdir"
	"renkei/internal/usage"
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

// newComparisonSink chooses the rows of a run to compare.
func newComparisonSink(opts Options, cb *survey.Codebook) *comparisonSink {
	s := &comparisonSink{cohort: analysis.NewCohort(cb)}
	if !opts.CompareWaves {
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
	before, after := opts.Before, opts.After
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

// writeComparison prints the comparison table of a run on stdout, if there is one.
func writeComparison(stdout io.Writer, cmp *analysis.Comparison) error {
	if cmp == nil {
		return nil
	}
	return reports.WriteCompareTable(stdout, cmp)
}

// Compare is 'renkei compare [flags] before.csv after.csv': every response of the
// first file is before, every one of the second after (phase and wave do not matter).
// It prints the table on stdout and writes compare.csv into the output folder.
func Compare(ctx context.Context, opts Options, files []string, stdout io.Writer, log *slog.Logger) error {
	if len(files) != 2 {
		return usage.Errorf("renkei compare takes two files, before and after: renkei compare [flags] before.csv after.csv")
	}
	if len(opts.Inputs) > 0 || opts.CompareWaves {
		return usage.Errorf("renkei compare takes its two files as arguments; RENKEI_INPUT (--input), RENKEI_BEFORE and RENKEI_AFTER are for renkei run")
	}
	// The output folder is claimed before reading, as renkei run claims it: refused if
	// it holds what renkei did not write or an input, locked, and under the stop guard.
	var claim *outdir.Claim
	if opts.wants("csv") {
		inputs := append(inputPaths(opts), outdir.Input{Setting: "the before file", Path: files[0]}, outdir.Input{Setting: "the after file", Path: files[1]})
		var err error
		if claim, err = outdir.Take(ctx, opts.Out, inputs); err != nil {
			return err
		}
		defer claim.Release()
	}
	cb, _, err := loadCodebook(opts)
	if err != nil {
		return err
	}
	opt := readOptions(opts)
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
	cmp := cohort.Compare(analysis.CompareOptions{MinGroup: opts.MinGroup})
	// The one disclosure control, over the comparison's sets alone: a side minus its
	// pairs, the pooled scope minus its partnerships.
	d := analysis.NewDisclosure(atoms, opts.MinGroup)
	cmp.RegisterSets(d)
	d.Auditor.Run()
	cmp.ApplyDisclosure(d)
	if claim != nil {
		if err := claim.Write([]outdir.File{{Name: "compare.csv", Write: func(w io.Writer) error { return reports.WriteCompareCSV(w, cmp) }}}); err != nil {
			return err
		}
		claim.Release()
	}
	if err := reports.WriteCompareTable(stdout, cmp); err != nil {
		return fmt.Errorf("writing the table: %w", err)
	}
	log.Info("done", "out", opts.Out, "scopes", len(cmp.Scopes))
	return nil
}
