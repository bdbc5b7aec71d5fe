package reports

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"renkei/analysis"
	"renkei/stats"
)

// attentionFlags are the flags that put a row in summary.md's table. too_few_waves is
// listed apart: it says there is no trend to read, not that a trend needs attention.
var attentionFlags = []analysis.Flag{analysis.FlagDeclining, analysis.FlagImproving, analysis.FlagBelowBand, analysis.FlagNotComparable}

// WriteSummaryMD writes summary.md, a short digest for a CI job's summary page: a
// status line, a table of the flagged partnerships and the quality gate's result.
// Numbers are rounded for people; summary.json and trends.csv hold them in full.
func WriteSummaryMD(w io.Writer, run *Run) error {
	bw := bufio.NewWriter(w)
	res, cal := run.Result, run.Calendar
	var flagged []analysis.Trend
	var flaggedNames, noTrend []string
	for _, t := range run.Trends {
		if slices.ContainsFunc(attentionFlags, t.Has) {
			flagged = append(flagged, t)
			if !slices.Contains(flaggedNames, t.Partnership) {
				flaggedNames = append(flaggedNames, t.Partnership)
			}
		}
		if t.Has(analysis.FlagTooFewWaves) && !slices.Contains(noTrend, t.Partnership) {
			noTrend = append(noTrend, t.Partnership)
		}
	}

	fmt.Fprintln(bw, "# renkei summary")
	fmt.Fprintln(bw)
	fmt.Fprintf(bw, "**Status: %s** — %s; %s.\n\n", status(run.Gate), countPartnerships(len(flaggedNames), "flagged"), gateWords(run.Gate))
	facts := []string{"renkei " + run.Version, fmt.Sprintf("%d responses", res.Responses), fmt.Sprintf("%d partnerships", len(res.Partnerships))}
	if n := len(res.Waves); n > 0 {
		facts = append(facts, fmt.Sprintf("waves %s–%s", cal.Label(res.Waves[0]), cal.Label(res.Waves[n-1])))
	}
	if !run.Generated.IsZero() {
		facts = append(facts, "generated "+run.Generated.UTC().Format("2006-01-02"))
	}
	fmt.Fprintln(bw, strings.Join(facts, " · "))

	fmt.Fprintln(bw)
	fmt.Fprintln(bw, "## Flagged partnerships")
	fmt.Fprintln(bw)
	if len(flagged) == 0 {
		fmt.Fprintln(bw, "None.")
	} else {
		fmt.Fprintln(bw, "| partnership | dimension | flags | latest | mean | slope per wave (95% CI) | last change | evidence |")
		fmt.Fprintln(bw, "|---|---|---|---|---:|---|---|---|")
		for _, t := range flagged {
			var flags []string
			for _, f := range t.Flags {
				if f != analysis.FlagTooFewWaves {
					flags = append(flags, "**"+string(f)+"**")
				}
			}
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s | %s | %s |\n",
				mdText(t.Partnership), mdText(t.Dimension), strings.Join(flags, " "), cal.Label(t.Latest),
				fixed(t.LatestStats.Mean, 2), slopeText(t), changeText(t.LastChange), evidenceText(t, run))
		}
	}
	if len(noTrend) > 0 {
		names := make([]string, len(noTrend))
		for i, n := range noTrend {
			names[i] = mdText(n)
		}
		fmt.Fprintf(bw, "\nNo trend (fewer than %d waves at or above k = %d): %s.\n", run.TrendOptions.MinWaves, res.MinGroup, strings.Join(names, ", "))
	}
	fmt.Fprintf(bw, "\nDeclining and improving need evidence: a slope over the waves (OLS, confirmed by Mann–Kendall) or a shift seen in both of the last two waves (Welch), with p %s below %g and |g| ≥ %g. below_band: the latest wave's 95%% CI lies below the borderline band.\n",
		adjustPhrase(run.TrendOptions.Adjust), run.TrendOptions.Alpha, run.TrendOptions.MinEffect)

	fmt.Fprintln(bw)
	fmt.Fprintln(bw, "## Quality gate")
	fmt.Fprintln(bw)
	switch g := run.Gate; {
	case !g.Enabled():
		fmt.Fprintln(bw, "Off: no gate threshold is set.")
	case g.Passed():
		fmt.Fprintf(bw, "Passed: %s.\n", limitsText(g.Limits))
	default:
		fmt.Fprintf(bw, "**Failed** (%s): %d failure(s).\n\n", limitsText(g.Limits), len(g.Failures))
		fmt.Fprintln(bw, "| check | partnership | dimension | wave | value | limit |")
		fmt.Fprintln(bw, "|---|---|---|---|---:|---:|")
		for _, f := range g.Failures {
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s |\n", f.Check, mdText(f.Partnership), mdText(f.Dimension), cal.Label(f.Wave), fixed(f.Value, 3), fixed(f.Limit, 3))
		}
	}
	return bw.Flush()
}

func status(g analysis.GateResult) string {
	if g.Passed() {
		return "OK"
	}
	return "FAILED"
}

func gateWords(g analysis.GateResult) string {
	switch {
	case !g.Enabled():
		return "quality gate off"
	case g.Passed():
		return "quality gate passed"
	}
	return fmt.Sprintf("quality gate failed (%d failure(s))", len(g.Failures))
}

func countPartnerships(n int, what string) string {
	switch n {
	case 0:
		return "no partnership " + what
	case 1:
		return "1 partnership " + what
	}
	return fmt.Sprintf("%d partnerships %s", n, what)
}

func limitsText(limits []analysis.GateLimit) string {
	parts := make([]string, len(limits))
	for i, l := range limits {
		switch l.Check {
		case analysis.GateMaxDrop:
			parts[i] = fmt.Sprintf("%s ≤ %s", l.Check, fixed(l.Limit, 2))
		case analysis.GateDeclining:
			parts[i] = "no declining flag"
		default:
			parts[i] = fmt.Sprintf("%s ≥ %s", l.Check, fixed(l.Limit, 2))
		}
	}
	return strings.Join(parts, ", ")
}

func adjustPhrase(a stats.Adjustment) string {
	switch a {
	case stats.AdjustBH:
		return "(Benjamini–Hochberg-adjusted across the run)"
	case stats.AdjustHolm:
		return "(Holm-adjusted across the run)"
	}
	return "(unadjusted)"
}

func slopeText(t analysis.Trend) string {
	if math.IsNaN(t.Slope) {
		return "–"
	}
	if math.IsNaN(t.SlopeCILow) {
		return signed(t.Slope, 3)
	}
	return fmt.Sprintf("%s (%s to %s)", signed(t.Slope, 3), signed(t.SlopeCILow, 3), signed(t.SlopeCIHigh, 3))
}

func changeText(c *analysis.WaveChange) string {
	if c == nil {
		return "–"
	}
	return fmt.Sprintf("%s (g %s, p %s)", signed(c.Diff, 2), signed(c.G, 2), pText(c.P))
}

func evidenceText(t analysis.Trend, run *Run) string {
	var parts []string
	for _, e := range t.Evidence {
		switch e {
		case analysis.EvidenceSlope:
			parts = append(parts, fmt.Sprintf("slope, adj. p %s", pText(t.SlopePAdj)))
		case analysis.EvidenceShift:
			parts = append(parts, fmt.Sprintf("shift since %s, g %s, adj. p %s", run.Calendar.Label(t.Shift.Reference), signed(t.Shift.G, 2), pText(t.ShiftPAdj)))
		}
	}
	if len(parts) == 0 {
		return "–"
	}
	return strings.Join(parts, "; ")
}

// fixed rounds v to d decimals for people; NaN is a dash.
func fixed(v float64, d int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return fmt.Sprintf("%.*f", d, v)
}

func signed(v float64, d int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return fmt.Sprintf("%+.*f", d, v)
}

// mdText escapes text from the input for a Markdown table cell: characters that would
// end the cell or start formatting, links or HTML are backslash-escaped, line breaks
// become spaces.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '|', '*', '_', '`', '[', ']', '<', '>', '#', '!', '~':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
