package run

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"strings"

	"renkei/analysis"
	"renkei/reports"
	"renkei/survey"
)

// GateError is a failed quality gate: exit code 3, after every output was written.
type GateError struct {
	Lines []string // one per failure: which partnership failed which check, and why
}

func (e *GateError) Error() string {
	return fmt.Sprintf("quality gate failed (%d):\n  %s", len(e.Lines), strings.Join(e.Lines, "\n  "))
}

// GateSettings names the variable and flag of each gate check, for messages.
var GateSettings = map[analysis.GateCheck]string{
	analysis.GateMinHealth: "RENKEI_GATE_MIN_HEALTH (--gate-min-health)",
	analysis.GateMinScore:  "RENKEI_GATE_MIN_SCORE (--gate-min-score)",
	analysis.GateMaxDrop:   "RENKEI_GATE_MAX_DROP (--gate-max-drop)",
	analysis.GateDeclining: "RENKEI_GATE_DECLINING (--gate-declining)",
}

// judge computes the trends of a run and evaluates its quality gate.
func judge(run *reports.Run, opts Options) {
	run.TrendOptions = opts.Trends
	run.Trends = run.Result.Trends(run.TrendOptions)
	run.Gate = analysis.EvaluateGate(run.Trends, opts.Gate, run.Result.Codebook)
}

// gateOutcome is nil when the gate passed or is off, else a GateError naming each
// failure.
func gateOutcome(run *reports.Run) error {
	if run.Gate.Passed() {
		return nil
	}
	e := &GateError{}
	for _, f := range run.Gate.Failures {
		e.Lines = append(e.Lines, gateMessage(f, run.Calendar))
	}
	return e
}

// gateMessage says which partnership failed which check, and why.
func gateMessage(f analysis.GateFailure, cal survey.Calendar) string {
	what := fmt.Sprintf("%s: %s in %s", f.Partnership, f.Dimension, cal.Label(f.Wave))
	switch f.Check {
	case analysis.GateMinHealth, analysis.GateMinScore:
		what += fmt.Sprintf(" is %.3f, below %.3f", f.Value, f.Limit)
	case analysis.GateMaxDrop:
		what += fmt.Sprintf(" fell by %.3f from the previous wave, more than %.3f", f.Value, f.Limit)
	case analysis.GateDeclining:
		ev := make([]string, len(f.Evidence))
		for i, e := range f.Evidence {
			ev[i] = string(e)
		}
		what += fmt.Sprintf(" is flagged declining (evidence: %s)", strings.Join(ev, ", "))
	}
	return fmt.Sprintf("%s [%s, %s]", what, f.Check, GateSettings[f.Check])
}

// appendStepSummary appends summary.md to the file at path (GITHUB_STEP_SUMMARY), the
// summary page of a GitHub Actions job, when that variable is set. A failure to do so
// is logged, not fatal: the outputs are written and the gate's exit code matters more.
func appendStepSummary(run *reports.Run, path string, log *slog.Logger) {
	if path == "" {
		return
	}
	var md bytes.Buffer
	err := reports.WriteSummaryMD(&md, run)
	if err == nil {
		var f *os.File
		f, err = os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err == nil {
			_, err = f.Write(md.Bytes())
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
	}
	if err != nil {
		log.Warn("cannot append the summary to GITHUB_STEP_SUMMARY", "file", path, "err", err)
	}
}
