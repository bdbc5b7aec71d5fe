package analysis

import (
	"math"
	"slices"
	"testing"

	"renkei/survey"
)

func ptr(v float64) *float64 { return &v }

// TestEvaluateGate: each check fails exactly the rows beyond its threshold, with the
// threshold rescaled from 1–5 to the instrument's scale (here 1–6: a score s becomes
// 1 + (s−1)·5/4, a drop d becomes d·5/4).
func TestEvaluateGate(t *testing.T) {
	cb := &survey.Codebook{Min: 1, Max: 6}
	w := survey.Wave{Year: 2026, Quarter: 4}
	row := func(p, dim string, mean, diff float64, flags ...Flag) Trend {
		return Trend{Partnership: p, Dimension: dim, Waves: 3, Latest: w, LatestStats: Stats{Mean: mean},
			LastChange: &WaveChange{Diff: diff}, Flags: flags, Evidence: []Evidence{EvidenceSlope}}
	}
	trends := []Trend{
		row("a", "trust", 4.70, -0.60, FlagDeclining),
		row("a", survey.HealthDimension, 4.76, -0.62),
		row("b", "trust", 4.80, -0.70),
		row("b", survey.HealthDimension, 4.70, 0.10),
		{Partnership: "never-reported", Dimension: survey.HealthDimension, Flags: []Flag{FlagTooFewWaves}},
	}
	type failure struct {
		check    GateCheck
		p, dim   string
		value, l float64
	}
	cases := []struct {
		name  string
		rules GateRules
		want  []failure
	}{
		{"OffPasses", GateRules{}, nil},
		{"MinHealthOnHealthRowsOnly", GateRules{MinHealth: ptr(4)}, []failure{{GateMinHealth, "b", survey.HealthDimension, 4.70, 4.75}}},
		{"MinScoreOnDimensionsOnly", GateRules{MinScore: ptr(4)}, []failure{{GateMinScore, "a", "trust", 4.70, 4.75}}},
		{"MaxDropRescaled", GateRules{MaxDrop: ptr(0.5)}, []failure{{GateMaxDrop, "b", "trust", 0.70, 0.625}}},
		{"Declining", GateRules{FailDeclining: true}, []failure{{GateDeclining, "a", "trust", math.NaN(), math.NaN()}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := EvaluateGate(trends, tc.rules, cb)
			if res.Enabled() != (len(tc.rules.Checks()) > 0) || res.Passed() != (len(tc.want) == 0) {
				t.Errorf("enabled %v, passed %v", res.Enabled(), res.Passed())
			}
			var got []failure
			for _, f := range res.Failures {
				got = append(got, failure{f.Check, f.Partnership, f.Dimension, f.Value, f.Limit})
			}
			if !slices.EqualFunc(got, tc.want, func(a, b failure) bool {
				return a.check == b.check && a.p == b.p && a.dim == b.dim && near(a.value, b.value, tolerance) && near(a.l, b.l, tolerance)
			}) {
				t.Errorf("failures %+v, want %+v", got, tc.want)
			}
		})
	}
}
