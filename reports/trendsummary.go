package reports

import (
	"slices"

	"renkei/analysis"
	"renkei/survey"
)

// The parts of summary.json that describe trends, flags and the quality gate.

type summaryTrendSettings struct {
	MinWaves  int     `json:"min_waves"`
	Alpha     float64 `json:"alpha"`
	MinEffect float64 `json:"min_effect"`
	Adjust    string  `json:"adjust"`
}

type summaryTrend struct {
	Partnership  string         `json:"partnership"`
	Dimension    string         `json:"dimension"`
	Waves        int            `json:"waves"`
	FirstWave    string         `json:"first_wave,omitempty"`
	LatestWave   string         `json:"latest_wave,omitempty"`
	LatestMean   *float64       `json:"latest_mean,omitempty"`
	LatestCILow  *float64       `json:"latest_ci_low,omitempty"`
	LatestCIHigh *float64       `json:"latest_ci_high,omitempty"`
	Slope        *float64       `json:"slope,omitempty"`
	SlopeCILow   *float64       `json:"slope_ci_low,omitempty"`
	SlopeCIHigh  *float64       `json:"slope_ci_high,omitempty"`
	SlopeP       *float64       `json:"slope_p,omitempty"`
	SlopePAdj    *float64       `json:"slope_p_adj,omitempty"`
	TrendEffect  *float64       `json:"trend_effect,omitempty"`
	TheilSen     *float64       `json:"theil_sen,omitempty"`
	KendallTau   *float64       `json:"kendall_tau,omitempty"`
	KendallP     *float64       `json:"kendall_p,omitempty"`
	LastChange   *summaryChange `json:"last_change,omitempty"`
	Shift        *summaryShift  `json:"shift,omitempty"`
	Flags        []string       `json:"flags"`
	Evidence     []string       `json:"evidence"`
}

type summaryChange struct {
	From    string   `json:"from"`
	To      string   `json:"to"`
	Diff    *float64 `json:"diff,omitempty"`
	T       *float64 `json:"t,omitempty"`
	DF      *float64 `json:"df,omitempty"`
	P       *float64 `json:"p,omitempty"`
	G       *float64 `json:"g,omitempty"`
	GCILow  *float64 `json:"g_ci_low,omitempty"`
	GCIHigh *float64 `json:"g_ci_high,omitempty"`
}

type summaryShift struct {
	Reference string   `json:"reference"`
	P         *float64 `json:"p,omitempty"`
	PAdj      *float64 `json:"p_adj,omitempty"`
	G         *float64 `json:"g,omitempty"`
}

type summaryGate struct {
	Enabled  bool                 `json:"enabled"`
	Passed   bool                 `json:"passed"`
	Checks   []summaryGateCheck   `json:"checks"`
	Failures []summaryGateFailure `json:"failures"`
}

type summaryGateCheck struct {
	Check string   `json:"check"`
	Limit *float64 `json:"limit,omitempty"`
}

type summaryGateFailure struct {
	Check       string   `json:"check"`
	Partnership string   `json:"partnership"`
	Dimension   string   `json:"dimension"`
	Wave        string   `json:"wave"`
	Value       *float64 `json:"value,omitempty"`
	Limit       *float64 `json:"limit,omitempty"`
	Evidence    []string `json:"evidence,omitempty"`
}

// allFlags lists every flag, so that summary.json always names each one.
var allFlags = []analysis.Flag{analysis.FlagDeclining, analysis.FlagImproving, analysis.FlagBelowBand, analysis.FlagTooFewWaves, analysis.FlagNotComparable}

func trendSettings(o analysis.TrendOptions) summaryTrendSettings {
	return summaryTrendSettings{MinWaves: o.MinWaves, Alpha: o.Alpha, MinEffect: o.MinEffect, Adjust: string(o.Adjust)}
}

// trendSummaries renders every trend row for summary.json.
func trendSummaries(trends []analysis.Trend, cal survey.Calendar) []summaryTrend {
	out := make([]summaryTrend, 0, len(trends))
	for _, t := range trends {
		s := summaryTrend{
			Partnership: t.Partnership, Dimension: t.Dimension, Waves: t.Waves,
			Slope: jsonNumber(t.Slope), SlopeCILow: jsonNumber(t.SlopeCILow), SlopeCIHigh: jsonNumber(t.SlopeCIHigh),
			SlopeP: jsonNumber(t.SlopeP), SlopePAdj: jsonNumber(t.SlopePAdj), TrendEffect: jsonNumber(t.TrendEffect),
			TheilSen: jsonNumber(t.TheilSen), KendallTau: jsonNumber(t.KendallTau), KendallP: jsonNumber(t.KendallP),
			Flags: words(t.Flags), Evidence: words(t.Evidence),
		}
		if t.Waves > 0 {
			s.FirstWave, s.LatestWave = cal.Label(t.First), cal.Label(t.Latest)
			s.LatestMean = jsonNumber(t.LatestStats.Mean)
			s.LatestCILow, s.LatestCIHigh = jsonNumber(t.LatestStats.CILow), jsonNumber(t.LatestStats.CIHigh)
		}
		if c := t.LastChange; c != nil {
			s.LastChange = &summaryChange{
				From: cal.Label(c.From), To: cal.Label(c.To), Diff: jsonNumber(c.Diff),
				T: jsonNumber(c.T), DF: jsonNumber(c.DF), P: jsonNumber(c.P),
				G: jsonNumber(c.G), GCILow: jsonNumber(c.GCILow), GCIHigh: jsonNumber(c.GCIHigh),
			}
		}
		if sh := t.Shift; sh != nil {
			s.Shift = &summaryShift{Reference: cal.Label(sh.Reference), P: jsonNumber(sh.P), PAdj: jsonNumber(t.ShiftPAdj), G: jsonNumber(sh.G)}
		}
		out = append(out, s)
	}
	return out
}

// flagSummary lists, per flag, the partnerships with a row carrying it (sorted).
func flagSummary(trends []analysis.Trend) map[string][]string {
	out := map[string][]string{}
	for _, f := range allFlags {
		out[string(f)] = []string{}
		for _, t := range trends {
			if t.Has(f) && !slices.Contains(out[string(f)], t.Partnership) {
				out[string(f)] = append(out[string(f)], t.Partnership)
			}
		}
		slices.Sort(out[string(f)])
	}
	return out
}

func gateSummary(g analysis.GateResult, cal survey.Calendar) summaryGate {
	s := summaryGate{Enabled: g.Enabled(), Passed: g.Passed(), Checks: []summaryGateCheck{}, Failures: []summaryGateFailure{}}
	for _, l := range g.Limits {
		s.Checks = append(s.Checks, summaryGateCheck{Check: string(l.Check), Limit: jsonNumber(l.Limit)})
	}
	for _, f := range g.Failures {
		s.Failures = append(s.Failures, summaryGateFailure{
			Check: string(f.Check), Partnership: f.Partnership, Dimension: f.Dimension, Wave: cal.Label(f.Wave),
			Value: jsonNumber(f.Value), Limit: jsonNumber(f.Limit), Evidence: words(f.Evidence),
		})
	}
	return s
}

// words converts string-like values to strings, never nil (an empty JSON list).
func words[S ~string](v []S) []string {
	out := make([]string, len(v))
	for i, s := range v {
		out[i] = string(s)
	}
	return out
}
