package main

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"

	"renkei/analysis"
	"renkei/reports"
	"renkei/survey"
)

// gateError is a failed quality gate: exit code 3, after every output was written.
type gateError struct {
	lines []string // one per failure: which partnership failed which check, and why
}

func (e *gateError) Error() string {
	return fmt.Sprintf("quality gate failed (%d):\n  %s", len(e.lines), strings.Join(e.lines, "\n  "))
}

// gateSettings names the variable and flag of each gate check, for messages.
var gateSettings = map[analysis.GateCheck]string{
	analysis.GateMinHealth: "RENKEI_GATE_MIN_HEALTH (--gate-min-health)",
	analysis.GateMinScore:  "RENKEI_GATE_MIN_SCORE (--gate-min-score)",
	analysis.GateMaxDrop:   "RENKEI_GATE_MAX_DROP (--gate-max-drop)",
	analysis.GateDeclining: "RENKEI_GATE_DECLINING (--gate-declining)",
}

func (c *Config) trendOptions() analysis.TrendOptions {
	adjust, _ := analysis.ParseAdjustment(c.TrendAdjust)
	return analysis.TrendOptions{MinWaves: c.TrendMinWaves, Alpha: c.TrendAlpha, MinEffect: c.TrendMinEffect, Adjust: adjust}
}

// validateTrends checks the RENKEI_TREND_* settings.
func (c *Config) validateTrends() error {
	if _, err := analysis.ParseAdjustment(c.TrendAdjust); err != nil {
		return usagef("RENKEI_TREND_ADJUST (--trend-adjust): %v", err)
	}
	o := c.trendOptions()
	switch {
	case o.MinWaves < analysis.MinTrendWaves:
		return usagef("RENKEI_TREND_MIN_WAVES (--trend-min-waves) must be at least %d, got %d", analysis.MinTrendWaves, o.MinWaves)
	case !(o.Alpha > 0 && o.Alpha < 1):
		return usagef("RENKEI_TREND_ALPHA (--trend-alpha) must lie between 0 and 1, got %g", o.Alpha)
	case !(o.MinEffect >= 0):
		return usagef("RENKEI_TREND_MIN_EFFECT (--trend-min-effect) must be 0 or more, got %g", o.MinEffect)
	}
	return nil
}

// gateRules reads the RENKEI_GATE_* thresholds: empty is off; scores lie on the 1–5
// scale, a drop between 0 and 4 points of it.
func (c *Config) gateRules() (analysis.GateRules, error) {
	rules := analysis.GateRules{FailDeclining: c.GateDeclining}
	for _, g := range []struct {
		text   string
		check  analysis.GateCheck
		lo, hi float64
		into   **float64
		want   string
	}{
		{c.GateMinHealth, analysis.GateMinHealth, 1, 5, &rules.MinHealth, "a number from 1 to 5 (a score on the 1–5 scale)"},
		{c.GateMinScore, analysis.GateMinScore, 1, 5, &rules.MinScore, "a number from 1 to 5 (a score on the 1–5 scale)"},
		{c.GateMaxDrop, analysis.GateMaxDrop, 0, 4, &rules.MaxDrop, "a number from 0 to 4 (points on the 1–5 scale)"},
	} {
		if strings.TrimSpace(g.text) == "" {
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(g.text), 64)
		if err != nil || !(v >= g.lo && v <= g.hi) {
			return rules, usagef("%s must be %s, got %q", gateSettings[g.check], g.want, g.text)
		}
		*g.into = &v
	}
	return rules, nil
}

// judge computes the trends of a run and evaluates its quality gate.
func judge(run *reports.Run, cfg Config) {
	run.TrendOptions = cfg.trendOptions()
	run.Trends = run.Result.Trends(run.TrendOptions)
	rules, _ := cfg.gateRules() // validated with the config
	run.Gate = analysis.EvaluateGate(run.Trends, rules, run.Result.Codebook)
}

// gateOutcome is nil when the gate passed or is off, else a gateError naming each
// failure.
func gateOutcome(run *reports.Run) error {
	if run.Gate.Passed() {
		return nil
	}
	e := &gateError{}
	for _, f := range run.Gate.Failures {
		e.lines = append(e.lines, gateMessage(f, run.Calendar))
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
	return fmt.Sprintf("%s [%s, %s]", what, f.Check, gateSettings[f.Check])
}

// appendStepSummary appends summary.md to the file named by GITHUB_STEP_SUMMARY, the
// summary page of a GitHub Actions job, when that variable is set. A failure to do so
// is logged, not fatal: the outputs are written and the gate's exit code matters more.
func appendStepSummary(run *reports.Run, log *slog.Logger) {
	path := os.Getenv("GITHUB_STEP_SUMMARY")
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
