package reports

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/gocarina/gocsv"

	"renkei/analysis"
)

// compareRow is one row of compare.csv. The first twenty columns are the contract of
// ../shared/DESIGN.md; the rest are added.
type compareRow struct {
	Scope           string `csv:"scope"`
	Dimension       string `csv:"dimension"`
	Design          string `csv:"design"`
	NBefore         string `csv:"n_before"`
	NAfter          string `csv:"n_after"`
	NPairs          string `csv:"n_pairs"`
	MeanBefore      string `csv:"mean_before"`
	MeanAfter       string `csv:"mean_after"`
	Diff            string `csv:"diff"`
	DiffCILow       string `csv:"diff_ci_low"`
	DiffCIHigh      string `csv:"diff_ci_high"`
	T               string `csv:"t"`
	DF              string `csv:"df"`
	P               string `csv:"p"`
	PHolm           string `csv:"p_holm"`
	Effect          string `csv:"effect"`
	EffectCILow     string `csv:"effect_ci_low"`
	EffectCIHigh    string `csv:"effect_ci_high"`
	RankStat        string `csv:"rank_stat"`
	RankP           string `csv:"rank_p"`
	Item            string `csv:"item"`
	Group           string `csv:"group"`
	PBH             string `csv:"p_bh"`
	EffectType      string `csv:"effect_type"`
	RankTest        string `csv:"rank_test"`
	RankExact       string `csv:"rank_exact"`
	BootCILow       string `csv:"boot_ci_low"`
	BootCIHigh      string `csv:"boot_ci_high"`
	MDC             string `csv:"mdc"`
	Verdict         string `csv:"verdict"`
	UnmatchedBefore string `csv:"unmatched_before"`
	UnmatchedAfter  string `csv:"unmatched_after"`
	DiD             string `csv:"did"`
	DiDCILow        string `csv:"did_ci_low"`
	DiDCIHigh       string `csv:"did_ci_high"`
	DiDP            string `csv:"did_p"`
	Suppressed      string `csv:"suppressed"`
}

// compareHeader is the header of compare.csv, written also when there is nothing to
// compare.
const compareHeader = "scope,dimension,design,n_before,n_after,n_pairs,mean_before,mean_after,diff,diff_ci_low,diff_ci_high,t,df,p,p_holm,effect,effect_ci_low,effect_ci_high,rank_stat,rank_p,item,group,p_bh,effect_type,rank_test,rank_exact,boot_ci_low,boot_ci_high,mdc,verdict,unmatched_before,unmatched_after,did,did_ci_low,did_ci_high,did_p,suppressed\n"

// Effect-size and rank-test names in compare.csv, by design.
func effectType(d analysis.Design) string {
	if d == analysis.DesignPaired {
		return "d_z"
	}
	return "hedges_g"
}

func rankTestName(d analysis.Design) string {
	if d == analysis.DesignPaired {
		return "signed_rank"
	}
	return "rank_sum"
}

// WriteCompareCSV writes compare.csv: one row per scope, group and dimension, health
// and item (see analysis.Comparison for the order), at full precision. A suppressed
// row carries its scope, names and design only. A nil comparison writes the header.
func WriteCompareCSV(w io.Writer, cmp *analysis.Comparison) error {
	var rows []compareRow
	if cmp != nil {
		for _, s := range cmp.Scopes {
			for _, r := range s.Rows {
				rows = append(rows, newCompareRow(&s, &r))
			}
		}
	}
	if len(rows) == 0 {
		_, err := io.WriteString(w, compareHeader)
		return err
	}
	return gocsv.Marshal(rows, w)
}

func newCompareRow(s *analysis.ScopeComparison, r *analysis.ChangeRow) compareRow {
	row := compareRow{
		Scope: SafeText(s.Scope), Dimension: r.Dimension, Item: r.Item, Group: s.Group,
		Design: string(s.Design), Suppressed: strconv.FormatBool(r.Suppressed),
	}
	if r.Suppressed {
		return row
	}
	c := &r.Change
	row.NBefore, row.NAfter = strconv.Itoa(c.NBefore), strconv.Itoa(c.NAfter)
	if s.Design == analysis.DesignPaired {
		row.NPairs = strconv.Itoa(c.NPairs)
		row.UnmatchedBefore, row.UnmatchedAfter = strconv.Itoa(s.UnmatchedBefore), strconv.Itoa(s.UnmatchedAfter)
	}
	row.MeanBefore, row.MeanAfter = number(c.MeanBefore), number(c.MeanAfter)
	row.Diff, row.DiffCILow, row.DiffCIHigh = number(c.Diff), number(c.DiffCILow), number(c.DiffCIHigh)
	row.T, row.DF, row.P = number(c.T), number(c.DF), number(c.P)
	row.PHolm, row.PBH = number(c.PHolm), number(c.PBH)
	row.Effect, row.EffectCILow, row.EffectCIHigh = number(c.Effect), number(c.EffectCILow), number(c.EffectCIHigh)
	row.EffectType, row.RankTest = effectType(s.Design), rankTestName(s.Design)
	row.RankStat, row.RankP = number(c.Rank.Statistic), number(c.Rank.P)
	if !math.IsNaN(c.Rank.P) {
		row.RankExact = strconv.FormatBool(c.Rank.Exact)
	}
	row.BootCILow, row.BootCIHigh = number(c.BootCILow), number(c.BootCIHigh)
	row.MDC, row.Verdict = number(c.MDC), string(c.Verdict)
	if d := r.DiD; d != nil {
		row.DiD, row.DiDCILow, row.DiDCIHigh, row.DiDP = number(d.Estimate), number(d.CILow), number(d.CIHigh), number(d.P)
	}
	return row
}

// WriteCompareTable writes the comparison for people, one table per scope and group
// in the manner of benchstat: per dimension and health the means before and after, the
// change with its 95% CI, the effect size with its CI, p and Holm p, and a verdict.
// Item rows are left to compare.csv. Numbers are rounded here and only here.
func WriteCompareTable(w io.Writer, cmp *analysis.Comparison) error {
	if cmp == nil || len(cmp.Scopes) == 0 {
		_, err := fmt.Fprintln(w, "nothing to compare: no responses before and after")
		return err
	}
	var b strings.Builder
	for i, s := range cmp.Scopes {
		if i > 0 {
			b.WriteString("\n")
		}
		writeScopeTable(&b, &s, cmp.MinGroup)
	}
	fmt.Fprintf(&b, "\nchange = after − before, with its 95%% CI; p from the paired t-test (paired design) or\n"+
		"Welch's t-test (unpaired); Holm p adjusts for the %d dimensions. A CI that includes zero shows\n"+
		"no clear change, which is not evidence of no effect: \"detectable\" is the smallest change\n"+
		"this many respondents would show with 80%% power. Items, rank tests and the bootstrap CI\n"+
		"are in compare.csv.\n", len(cmp.Dimensions))
	for _, warn := range cmp.Warnings {
		fmt.Fprintf(&b, "note: %s\n", warn)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func scopeTitle(s *analysis.ScopeComparison) string {
	title := s.Scope
	if s.Scope == analysis.AllScope {
		title = "all partnerships"
	}
	if s.Group != "" {
		title += " (" + s.Group + ")"
	}
	return title
}

func writeScopeTable(b *strings.Builder, s *analysis.ScopeComparison, k int) {
	title := scopeTitle(s)
	if s.Suppressed && s.Protects {
		fmt.Fprintf(b, "%s: not shown, to protect a smaller group\n", title)
		return
	}
	if s.Suppressed {
		fmt.Fprintf(b, "%s: fewer than %d respondents on a side; not shown\n", title, k)
		return
	}
	if s.Design == analysis.DesignPaired {
		fmt.Fprintf(b, "%s: paired design, %d respondents answered before and after (unmatched: %d before, %d after)\n",
			title, s.Pairs, s.UnmatchedBefore, s.UnmatchedAfter)
	} else {
		fmt.Fprintf(b, "%s: unpaired design, %d respondents before and %d after\n", title, s.Before, s.After)
		if s.Note != "" {
			fmt.Fprintf(b, "  (%s)\n", s.Note)
		}
	}
	effect := "g"
	if s.Design == analysis.DesignPaired {
		effect = "d_z"
	}
	tw := tabwriter.NewWriter(b, 2, 8, 2, ' ', 0)
	fmt.Fprintf(tw, "  dimension\tn\tbefore\tafter\tchange (95%% CI)\t%s (95%% CI)\tp\tHolm p\tverdict\n", effect)
	hasDiD := false
	for _, r := range s.Rows {
		if r.Item != "" {
			continue
		}
		if r.Suppressed {
			fmt.Fprintf(tw, "  %s\t<%d\t\t\t\t\t\t\tfewer than %d, not shown\n", r.Dimension, k, k)
			continue
		}
		c := &r.Change
		fmt.Fprintf(tw, "  %s\t%s\t%.2f\t%.2f\t%s\t%s\t%s\t%s\t%s\n", r.Dimension, nText(c), c.MeanBefore, c.MeanAfter,
			withCI(c.Diff, c.DiffCILow, c.DiffCIHigh, true), withCI(c.Effect, c.EffectCILow, c.EffectCIHigh, false),
			pText(c.P), pText(c.PHolm), verdictText(c))
		hasDiD = hasDiD || r.DiD != nil
	}
	tw.Flush()
	if !hasDiD {
		return
	}
	fmt.Fprintf(b, "  difference in differences (trained change − untrained change):\n")
	tw = tabwriter.NewWriter(b, 2, 8, 2, ' ', 0)
	for _, r := range s.Rows {
		if r.Item == "" && r.DiD != nil {
			fmt.Fprintf(tw, "  %s\t%s\tp %s\n", r.Dimension, withCI(r.DiD.Estimate, r.DiD.CILow, r.DiD.CIHigh, true), pText(r.DiD.P))
		}
	}
	tw.Flush()
}

func nText(c *analysis.Change) string {
	if c.NPairs > 0 {
		return strconv.Itoa(c.NPairs)
	}
	return fmt.Sprintf("%d/%d", c.NBefore, c.NAfter)
}

// withCI renders an estimate and its CI to two decimals, signed if asked.
func withCI(est, lo, hi float64, signed bool) string {
	f := func(v float64) string {
		if math.IsNaN(v) {
			return "–"
		}
		if signed {
			return fmt.Sprintf("%+.2f", v)
		}
		return fmt.Sprintf("%.2f", v)
	}
	if math.IsNaN(lo) {
		return f(est)
	}
	return fmt.Sprintf("%s [%s, %s]", f(est), f(lo), f(hi))
}

// pText renders a p-value as benchstat does: three decimals, small ones as <0.001.
func pText(p float64) string {
	switch {
	case math.IsNaN(p):
		return "–"
	case p < 0.001:
		return "<0.001"
	}
	return fmt.Sprintf("%.3f", p)
}

func verdictText(c *analysis.Change) string {
	if c.Verdict == analysis.VerdictNoClearChange && !math.IsNaN(c.MDC) {
		return fmt.Sprintf("%s (detectable: ±%.2f)", c.Verdict, c.MDC)
	}
	return string(c.Verdict)
}
