package analysis

import (
	"renkei/survey"
)

// GapMinPoints is the smallest difference between two member organisations' means,
// in points of a 1–5 scale (rescaled to the instrument's), that flags a perception gap.
const GapMinPoints = 1.0

// GapThreshold is GapMinPoints on the scale of cb.
func GapThreshold(cb *survey.Codebook) float64 {
	return GapMinPoints * float64(cb.Max-cb.Min) / 4
}

// PerceptionGap is how differently the member organisations of a partnership see it on
// one dimension (or health) in the partnership's latest wave: the highest- and the
// lowest-rated of its published org groups. Only published groups take part, so the
// gap reveals nothing that the org rows do not show already.
type PerceptionGap struct {
	Partnership string
	Wave        survey.Wave
	Dimension   string     // a dimension id, or survey.HealthDimension
	High, Low   GroupScore // the org groups with the highest and the lowest mean
	Gap         float64    // High.Mean − Low.Mean, ≥ 0
	// Flagged is set when the gap is at least GapMinPoints (rescaled to the instrument's
	// scale) and the two groups' 95% CIs do not overlap: a gap that one noisy group
	// could make is not flagged.
	Flagged bool
}

// PerceptionGaps returns, per partnership (sorted) and dimension (codebook order, health
// last), the gap between the highest- and lowest-rated org groups of the partnership's
// latest wave, where at least two org groups are published on that dimension. Memory
// grows with the org groups of one wave.
func (r *Result) PerceptionGaps() []PerceptionGap {
	dims := r.Dimensions()
	minGap := GapThreshold(r.Codebook)
	var out []PerceptionGap
	var orgs [][]GroupScore // the current partnership's latest wave: per org, per dimension
	var current string
	var latest survey.Wave
	emit := func() {
		for d, dim := range dims {
			var hi, lo *GroupScore
			published := 0
			for _, o := range orgs {
				s := &o[d]
				if s.Suppressed {
					continue
				}
				published++
				if hi == nil || s.Mean > hi.Mean {
					hi = s
				}
				if lo == nil || s.Mean < lo.Mean || lo == hi { // two different groups, also on a tie
					lo = s
				}
			}
			if published < 2 {
				continue
			}
			g := PerceptionGap{Partnership: current, Wave: latest, Dimension: dim, High: *hi, Low: *lo, Gap: hi.Mean - lo.Mean}
			g.High.Distribution, g.Low.Distribution = nil, nil
			g.Flagged = g.Gap >= minGap && lo.CIHigh < hi.CILow
			out = append(out, g)
		}
	}
	var sc statsScratch
	for i := range r.groups {
		g := &r.groups[i]
		if p := r.partnershipName(g); p != current {
			emit()
			current, latest, orgs = p, survey.WaveFromIndex(int(g.wave)), nil
		}
		if w := survey.WaveFromIndex(int(g.wave)); w != latest { // groups are sorted by wave within a partnership
			latest, orgs = w, nil
		}
		if breakdowns[g.breakdown] != BreakdownOrg {
			continue
		}
		scores := make([]GroupScore, len(dims))
		for d, dim := range dims {
			scores[d] = r.score(i, d, dim, &sc)
		}
		orgs = append(orgs, scores)
	}
	emit()
	return out
}
