package run

import (
	"fmt"
	"log/slog"
	"sort"
	"strings"

	"renkei/reports"
	"renkei/survey"
)

// qualityError is a run whose input failed the strict setting: exit code 2, as for
// other bad input, but only after the outputs are written, so that quality.csv can
// show what to fix.
type QualityError struct{ Msg string }

func (e *QualityError) Error() string { return e.Msg }

// addQuality completes run with the reliability of each dimension, the quality
// checks' counts and the strict setting's outcome.
func addQuality(run *reports.Run, opts Options, qc *survey.QualityChecker) {
	run.Reliability = run.Result.Reliability(opts.Reliability)
	summary := qc.Summary()
	run.Quality = &summary
	rows, rejected := reports.RowTotals(run.Inputs)
	run.Strict = reports.StrictCheck{Enabled: opts.Strict, MaxShare: opts.StrictShare}
	if rows > 0 {
		run.Strict.Share = float64(summary.Total.Flagged+rejected) / float64(rows)
	}
	run.Strict.Failed = opts.Strict && run.Strict.Share > opts.StrictShare
}

// checkStrict returns the strict setting's verdict on run: nil, or a QualityError that
// says how many rows are flawed, and how.
func checkStrict(run *reports.Run) error {
	if !run.Strict.Failed {
		return nil
	}
	rows, rejected := reports.RowTotals(run.Inputs)
	codes := make([]string, 0, len(run.Quality.Total.ByCode))
	for code := range run.Quality.Total.ByCode {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	var kinds []string
	if rejected > 0 {
		kinds = append(kinds, fmt.Sprintf("%d rows rejected", rejected))
	}
	for _, code := range codes {
		if survey.IsFlaw(code) {
			kinds = append(kinds, fmt.Sprintf("%s %d", code, run.Quality.Total.ByCode[code]))
		}
	}
	flawed := run.Quality.Total.Flagged + rejected
	return &QualityError{Msg: fmt.Sprintf("data quality: %d of %d rows (%.1f%%) are flawed (%s), more than RENKEI_STRICT_SHARE (--strict-share) %.1f%% allows; see quality.csv",
		flawed, rows, 100*run.Strict.Share, strings.Join(kinds, ", "), 100*run.Strict.MaxShare)}
}

// logReliability logs each reliability warning of the overall results, so that an
// unattended run's log shows them; per-wave warnings are in reliability.csv.
func logReliability(log *slog.Logger, run *reports.Run) {
	for _, r := range run.Reliability {
		if !r.AllWaves {
			continue
		}
		for _, w := range r.Warnings {
			log.Warn("reliability", "dimension", r.Dimension, "code", w.Code, "warning", w.Message)
		}
		for _, it := range r.Items {
			for _, w := range it.Warnings {
				log.Warn("reliability", "dimension", r.Dimension, "item", it.Item, "code", w.Code, "warning", w.Message)
			}
		}
	}
}
