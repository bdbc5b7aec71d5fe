package reports

import (
	"renkei/analysis"
	"renkei/survey"
)

// The parts of summary.json that the report's executive summary quotes besides the
// scores, trends and gaps: the before/after comparison and the bands' counts.

type summaryComparison struct {
	Scope      string              `json:"scope"`
	Group      string              `json:"group,omitempty"`
	Design     string              `json:"design"`
	Suppressed bool                `json:"suppressed"`
	Before     int                 `json:"n_before,omitempty"`
	After      int                 `json:"n_after,omitempty"`
	Pairs      int                 `json:"n_pairs,omitempty"`
	Rows       []summaryChangeSide `json:"rows,omitempty"`
}

type summaryChangeSide struct {
	Dimension  string   `json:"dimension"`
	Suppressed bool     `json:"suppressed"`
	MeanBefore *float64 `json:"mean_before,omitempty"`
	MeanAfter  *float64 `json:"mean_after,omitempty"`
	Diff       *float64 `json:"diff,omitempty"`
	DiffCILow  *float64 `json:"diff_ci_low,omitempty"`
	DiffCIHigh *float64 `json:"diff_ci_high,omitempty"`
	PHolm      *float64 `json:"p_holm,omitempty"`
	Effect     *float64 `json:"effect,omitempty"`
	Verdict    string   `json:"verdict,omitempty"`
}

// summaryComparisons gives each compared scope's dimension and health rows (items are
// in compare.csv); nil when the run compares nothing.
func summaryComparisons(cmp *analysis.Comparison) []summaryComparison {
	if cmp == nil {
		return nil
	}
	var out []summaryComparison
	for _, s := range cmp.Scopes {
		sc := summaryComparison{Scope: s.Scope, Group: s.Group, Design: string(s.Design), Suppressed: s.Suppressed}
		if !s.Suppressed {
			sc.Before, sc.After, sc.Pairs = s.Before, s.After, s.Pairs
			for _, r := range s.Rows {
				if r.Item != "" {
					continue
				}
				row := summaryChangeSide{Dimension: r.Dimension, Suppressed: r.Suppressed}
				if !r.Suppressed {
					c := r.Change
					row.MeanBefore, row.MeanAfter = jsonNumber(c.MeanBefore), jsonNumber(c.MeanAfter)
					row.Diff, row.DiffCILow, row.DiffCIHigh = jsonNumber(c.Diff), jsonNumber(c.DiffCILow), jsonNumber(c.DiffCIHigh)
					row.PHolm, row.Effect, row.Verdict = jsonNumber(c.PHolm), jsonNumber(c.Effect), string(c.Verdict)
				}
				sc.Rows = append(sc.Rows, row)
			}
		}
		out = append(out, sc)
	}
	return out
}

// healthBandCounts counts the partnerships whose health, in their latest wave, lies in
// each band (every band named, suppressed ones not counted).
func healthBandCounts(ps []summaryPartnership) map[string]int {
	out := map[string]int{}
	for _, b := range bandOrder {
		out[string(b)] = 0
	}
	for _, p := range ps {
		for _, s := range p.Scores {
			if s.Dimension == survey.HealthDimension && !s.Suppressed {
				out[s.Band]++
			}
		}
	}
	return out
}
