package analysis

import (
	"math"

	"renkei/survey"
)

// GateCheck names one check of the quality gate.
type GateCheck string

// The gate's checks, in the order they are evaluated and listed.
const (
	GateMinHealth GateCheck = "min_health" // the latest health mean is at least a minimum
	GateMinScore  GateCheck = "min_score"  // the latest mean of every dimension is at least a minimum
	GateMaxDrop   GateCheck = "max_drop"   // no mean fell by more than a maximum from the previous wave
	GateDeclining GateCheck = "declining"  // no row carries the declining flag
)

// GateRules are the quality gate's thresholds; a nil threshold is a check that is off.
// Scores and drops are given on a 1–5 scale, like band thresholds, and rescaled to the
// instrument's scale (a drop of 0.5 on 1–5 is 0.625 on 1–6).
type GateRules struct {
	MinHealth     *float64
	MinScore      *float64
	MaxDrop       *float64
	FailDeclining bool
}

// Checks lists the checks that are on.
func (g GateRules) Checks() []GateCheck {
	var out []GateCheck
	if g.MinHealth != nil {
		out = append(out, GateMinHealth)
	}
	if g.MinScore != nil {
		out = append(out, GateMinScore)
	}
	if g.MaxDrop != nil {
		out = append(out, GateMaxDrop)
	}
	if g.FailDeclining {
		out = append(out, GateDeclining)
	}
	return out
}

// GateFailure is one partnership and dimension failing one check.
type GateFailure struct {
	Check       GateCheck
	Partnership string
	Dimension   string
	Wave        survey.Wave // the wave the value belongs to
	// Value and Limit are on the instrument's scale: the latest mean and the minimum,
	// or the drop (a positive number) and the largest allowed; NaN for declining.
	Value, Limit float64
	Evidence     []Evidence // for declining: the rules that raised the flag
}

// GateLimit is a check that is on and its threshold on the instrument's scale (NaN for
// declining, which has none).
type GateLimit struct {
	Check GateCheck
	Limit float64
}

// GateResult is the outcome of the quality gate.
type GateResult struct {
	Limits   []GateLimit // the checks that are on; empty when the gate is off
	Failures []GateFailure
}

// Enabled reports whether any check is on.
func (g GateResult) Enabled() bool { return len(g.Limits) > 0 }

// Passed reports whether no check failed.
func (g GateResult) Passed() bool { return len(g.Failures) == 0 }

// EvaluateGate checks every trend row against the rules, on each row's latest reported
// wave: a partnership or dimension never reported (below k in every wave) cannot fail.
// Failures are ordered like the trends, then by check.
func EvaluateGate(trends []Trend, rules GateRules, cb *survey.Codebook) GateResult {
	var res GateResult
	scale := func(v float64) float64 { return rescale(v, cb.Min, cb.Max) }
	span := func(v float64) float64 { return v * float64(cb.Max-cb.Min) / 4 }
	for _, c := range rules.Checks() {
		l := GateLimit{Check: c, Limit: math.NaN()}
		switch c {
		case GateMinHealth:
			l.Limit = scale(*rules.MinHealth)
		case GateMinScore:
			l.Limit = scale(*rules.MinScore)
		case GateMaxDrop:
			l.Limit = span(*rules.MaxDrop)
		}
		res.Limits = append(res.Limits, l)
	}
	for _, t := range trends {
		if t.Waves == 0 {
			continue
		}
		health := t.Dimension == survey.HealthDimension
		for _, l := range res.Limits {
			f := GateFailure{Check: l.Check, Partnership: t.Partnership, Dimension: t.Dimension, Wave: t.Latest, Limit: l.Limit}
			failed := false
			switch l.Check {
			case GateMinHealth:
				f.Value = t.LatestStats.Mean
				failed = health && f.Value < l.Limit
			case GateMinScore:
				f.Value = t.LatestStats.Mean
				failed = !health && f.Value < l.Limit
			case GateMaxDrop:
				if t.LastChange != nil {
					f.Value = -t.LastChange.Diff
					failed = f.Value > l.Limit
				}
			case GateDeclining:
				f.Value, f.Evidence = math.NaN(), t.Evidence
				failed = t.Has(FlagDeclining)
			}
			if failed {
				res.Failures = append(res.Failures, f)
			}
		}
	}
	return res
}
