package analysis

import (
	"math"

	"renkei/internal/ordered"
	"renkei/stats"
	"renkei/survey"
)

// Flag marks a trend row for a reader's attention.
type Flag string

// Flags, in the order they are listed.
const (
	FlagDeclining     Flag = "declining"      // evidence of a fall (see TrendOptions)
	FlagImproving     Flag = "improving"      // evidence of a rise
	FlagBelowBand     Flag = "below_band"     // the latest wave's 95% CI lies below the borderline band
	FlagTooFewWaves   Flag = "too_few_waves"  // fewer reported waves than a trend needs
	FlagNotComparable Flag = "not_comparable" // the instrument changed between reported waves
)

// Evidence names the rule that raised a declining or improving flag.
type Evidence string

// The two rules that can raise a trend flag.
const (
	// EvidenceSlope: the OLS slope over the reported waves (adjusted p), confirmed in
	// direction by Mann–Kendall (unadjusted p), with a fitted change of at least
	// MinEffect within-wave SDs.
	EvidenceSlope Evidence = "slope"
	// EvidenceShift: the last two reported waves both differ from the wave before them
	// in the same direction (Welch; the larger p, adjusted), each by |g| ≥ MinEffect.
	EvidenceShift Evidence = "shift"
)

// TrendOptions set the rules that raise declining and improving flags.
//
// Every reported wave of a partnership and dimension is a noisy estimate, and a run
// tests many partnerships and dimensions at once: with 12 stable partnerships × 5 rows,
// an unadjusted 5% test would flag about three of them by chance every run. A trend
// flag therefore needs evidence from one of two rules, tested together across every
// row of the run that has at least MinWaves comparable waves and adjusted by Adjust:
//
//   - slope: the OLS slope's p-value (adjusted) is below Alpha, Mann–Kendall's tau has
//     the slope's sign with an unadjusted p below Alpha (so one wave cannot make the
//     trend), and the fitted change over the reported waves is at least MinEffect
//     pooled within-wave SDs;
//   - shift: the last two reported waves each differ from the wave before them in the
//     same direction, by Welch's t test and by |Hedges' g| ≥ MinEffect; the larger of
//     the two p-values (adjusted) is below Alpha. A change seen in one wave only is not
//     enough; a change that persists is.
type TrendOptions struct {
	MinWaves  int              // reported waves a trend needs (at least 3); fewer raise too_few_waves
	Alpha     float64          // level the adjusted p-values must fall below, in (0, 1)
	MinEffect float64          // smallest standardised change (|g|) a trend flag needs, ≥ 0
	Adjust    stats.Adjustment // adjustment across the run's tests
}

// MinTrendWaves is the fewest waves a trend test can use: the slope's CI needs one
// residual degree of freedom, the shift rule a reference and two later waves.
const MinTrendWaves = 3

// DefaultTrendOptions: three waves, 5% false discovery rate, g ≥ 0.2 (a small effect
// by Cohen's convention).
func DefaultTrendOptions() TrendOptions {
	return TrendOptions{MinWaves: MinTrendWaves, Alpha: 0.05, MinEffect: 0.2, Adjust: stats.AdjustBH}
}

// WaveChange compares the respondent scores of one wave with an earlier one: the
// difference of means, Welch's t test (R's t.test(later, earlier)) and Hedges' g with
// its 95% CI (see stats.HedgesG). Positive values mean a rise.
type WaveChange struct {
	From, To           survey.Wave
	Diff               float64
	T, DF, P           float64
	G, GCILow, GCIHigh float64
}

// Shift is the evidence of the shift rule: the last two reported waves compared with
// the wave before them.
type Shift struct {
	Reference survey.Wave // the wave before the last two
	// P is the larger of the two Welch p-values, or 1 when the two changes go opposite
	// ways: both waves must differ, in the same direction.
	P float64
	G float64 // Hedges' g of the smaller of the two changes (by |g|)
}

// Trend is one partnership's trend on one dimension (or health), over the waves in
// which the whole partnership's scores are published (k or more respondents, and not
// hidden to protect a smaller group). Waves are numbered by quarter, so a wave
// missing or suppressed keeps its place on the time axis; slopes are per quarter.
// Statistics that need more waves than there are are NaN.
type Trend struct {
	Partnership string
	Dimension   string
	Waves       int         // waves in which the group's scores are published
	First       survey.Wave // first and latest of those waves; zero when Waves is 0
	Latest      survey.Wave
	LatestStats Stats // the latest reported wave's scores

	Slope, SlopeCILow, SlopeCIHigh, SlopeP float64 // OLS of the wave means on the wave number
	TrendEffect                            float64 // fitted change over the waves / pooled within-wave SD
	TheilSen                               float64
	KendallTau, KendallP                   float64 // Mann–Kendall as Kendall's tau-b of mean and wave

	LastChange *WaveChange // from the previous reported wave; nil with fewer than 2 waves
	Shift      *Shift      // nil with fewer than 3 waves

	// SlopePAdj and ShiftPAdj are the p-values adjusted across the run's tested rows;
	// NaN for a row that was not tested (too few waves, or not comparable).
	SlopePAdj, ShiftPAdj float64

	Flags    []Flag     // in the order of the Flag constants
	Evidence []Evidence // the rules behind a declining or improving flag
}

// Has reports whether the trend carries flag f.
func (t *Trend) Has(f Flag) bool {
	for _, g := range t.Flags {
		if g == f {
			return true
		}
	}
	return false
}

// tested reports whether the row takes part in the run's trend tests: enough waves
// (whatever MinWaves says, the rules need MinTrendWaves), all comparable.
func (t *Trend) tested() bool {
	return t.Waves >= MinTrendWaves && !t.Has(FlagTooFewWaves) && !t.Has(FlagNotComparable)
}

// wavePoint is one reported wave of a trend.
type wavePoint struct {
	wave  survey.Wave
	stats Stats
	group groupHandle
}

// Trends computes the trend of every partnership on every dimension and health, in
// the order of Partnerships and Dimensions, and flags them by the rules of opt. A
// partnership never reported gets rows with Waves 0.
//
// It keeps one row per partnership and dimension, so memory grows with the number of
// groups, like the Result itself.
func (r *Result) Trends(opt TrendOptions) []Trend {
	// Partnerships are independent until the run-wide adjustment: spans of them are
	// fitted on all processors, and their trends taken in order.
	out := make([]Trend, 0, len(r.Partnerships)*len(r.Dimensions()))
	spans := r.partnershipSpans(trendSpan)
	_ = ordered.Do(len(spans), func(i int) []Trend {
		return r.trendsOf(spans[i][0], spans[i][1], opt)
	}, func(_ int, ts []Trend) error {
		out = append(out, ts...)
		return nil
	})
	r.flagTrends(out, opt)
	return out
}

// trendSpan is how many partnerships Trends fits in one piece of work.
const trendSpan = 16

// trendsOf fits the trends of groups first to last−1, whole partnerships, unflagged.
func (r *Result) trendsOf(first, last int, opt TrendOptions) []Trend {
	dims := r.Dimensions()
	var out []Trend
	var sc statsScratch
	for start := first; start < last; {
		p := r.groups[start].partnership
		var whole []int // chronological: groups are sorted by partnership, then wave
		end := start
		for ; end < last && r.groups[end].partnership == p; end++ {
			if breakdowns[r.groups[end].breakdown] == BreakdownAll {
				whole = append(whole, end)
			}
		}
		for d, dim := range dims {
			var pts []wavePoint
			for _, i := range whole {
				g := &r.groups[i]
				// Only waves whose scores are published: a wave hidden to protect a
				// smaller group must not come back as a trend's latest mean.
				if *r.suppression(i, d) == NotSuppressed {
					pts = append(pts, wavePoint{wave: survey.WaveFromIndex(int(g.wave)), stats: r.agg.stats(g.ref, d, r.Bands, r.tq, &sc), group: g.ref})
				}
			}
			out = append(out, r.trend(r.partnershipName(&r.groups[start]), dim, r.dimensionItems(d), pts, opt))
		}
		start = end
	}
	return out
}

// dimensionItems returns the items of dimension d, or every item for health.
func (r *Result) dimensionItems(d int) []int {
	if d < len(r.Codebook.Dimensions) {
		return r.Codebook.Dimensions[d].Items
	}
	return allItems(r.Codebook)
}

// itemAnswered reports whether item has any answer in a group's partial result.
func (r *Result) itemAnswered(g groupHandle, item int) bool {
	return r.agg.store(g).answered(g.local(), item)
}

func (r *Result) trend(partnership, dim string, items []int, pts []wavePoint, opt TrendOptions) Trend {
	nan := math.NaN()
	t := Trend{
		Partnership: partnership, Dimension: dim, Waves: len(pts),
		Slope: nan, SlopeCILow: nan, SlopeCIHigh: nan, SlopeP: nan, TrendEffect: nan,
		TheilSen: nan, KendallTau: nan, KendallP: nan, SlopePAdj: nan, ShiftPAdj: nan,
	}
	if len(pts) == 0 {
		t.Flags = []Flag{FlagTooFewWaves}
		return t
	}
	last := pts[len(pts)-1]
	t.First, t.Latest, t.LatestStats = pts[0].wave, last.wave, last.stats
	x, y := make([]float64, len(pts)), make([]float64, len(pts))
	for i, p := range pts {
		x[i] = float64(p.wave.Index() - pts[0].wave.Index())
		y[i] = p.stats.Mean
	}
	if len(pts) >= 2 {
		t.Slope, t.SlopeCILow, t.SlopeCIHigh, t.SlopeP = stats.OLSSlope(x, y)
		t.TrendEffect = t.Slope * x[len(x)-1] / pooledSD(pts)
		t.TheilSen = stats.TheilSen(x, y)
		t.KendallTau, t.KendallP = stats.Kendall(x, y)
		c := change(pts[len(pts)-2], last)
		t.LastChange = &c
	}
	if len(pts) >= 3 {
		ref := pts[len(pts)-3]
		a, b := change(ref, pts[len(pts)-2]), change(ref, last)
		s := Shift{Reference: ref.wave, P: math.Max(a.P, b.P), G: a.G}
		if math.Abs(b.G) < math.Abs(a.G) {
			s.G = b.G
		}
		if stats.Sign(a.G) != stats.Sign(b.G) {
			s.P = 1
		}
		t.Shift = &s
	}
	if len(pts) < opt.MinWaves {
		t.Flags = append(t.Flags, FlagTooFewWaves)
	}
	if !r.sameItems(items, pts) {
		t.Flags = append(t.Flags, FlagNotComparable)
	}
	return t
}

// sameItems reports whether the same items were answered in every wave: an item with
// answers in one wave and none in another means the questionnaire changed (a file
// without that item's column), and the waves' scores are not comparable.
func (r *Result) sameItems(items []int, pts []wavePoint) bool {
	for _, i := range items {
		first := r.itemAnswered(pts[0].group, i)
		for _, p := range pts[1:] {
			if r.itemAnswered(p.group, i) != first {
				return false
			}
		}
	}
	return true
}

// change compares the respondent scores of wave b with those of the earlier wave a.
func change(a, b wavePoint) WaveChange {
	sa, sb := summaryOf(a.stats), summaryOf(b.stats)
	c := WaveChange{From: a.wave, To: b.wave, Diff: b.stats.Mean - a.stats.Mean}
	c.T, c.DF, c.P = stats.Welch(sa, sb)
	c.G, c.GCILow, c.GCIHigh = stats.HedgesG(sa, sb, Alpha)
	return c
}

// summaryOf is what a two-sample statistic needs of a group's scores.
func summaryOf(s Stats) stats.Summary { return stats.SummaryFromSD(s.N, s.Mean, s.SD) }

// pooledSD is the pooled within-wave standard deviation of the respondent scores.
func pooledSD(pts []wavePoint) float64 {
	s := make([]stats.Summary, len(pts))
	for i, p := range pts {
		s[i] = summaryOf(p.stats)
	}
	return stats.PooledSD(s...)
}

// flagTrends adjusts the p-values of the tested rows together and raises the flags.
func (r *Result) flagTrends(trends []Trend, opt TrendOptions) {
	var family []float64
	var slots []*float64
	for i := range trends {
		t := &trends[i]
		if !t.tested() {
			continue
		}
		family = append(family, t.SlopeP, t.Shift.P)
		slots = append(slots, &t.SlopePAdj, &t.ShiftPAdj)
	}
	for i, p := range stats.AdjustP(family, opt.Adjust) {
		*slots[i] = p
	}
	_, borderline := r.Bands.Thresholds(r.Codebook.Min, r.Codebook.Max)
	for i := range trends {
		t := &trends[i]
		var down, up bool // both when the long trend and a recent shift disagree
		if t.tested() {
			if t.SlopePAdj < opt.Alpha && t.KendallP < opt.Alpha && stats.Sign(t.KendallTau) == stats.Sign(t.Slope) && math.Abs(t.TrendEffect) >= opt.MinEffect {
				down, up = t.Slope < 0, t.Slope > 0
				t.Evidence = append(t.Evidence, EvidenceSlope)
			}
			if t.ShiftPAdj < opt.Alpha && math.Abs(t.Shift.G) >= opt.MinEffect {
				down, up = down || t.Shift.G < 0, up || t.Shift.G > 0
				t.Evidence = append(t.Evidence, EvidenceShift)
			}
		}
		var flags []Flag
		if down {
			flags = append(flags, FlagDeclining)
		}
		if up {
			flags = append(flags, FlagImproving)
		}
		if t.Waves > 0 && t.LatestStats.CIHigh < borderline {
			flags = append(flags, FlagBelowBand)
		}
		t.Flags = append(flags, t.Flags...)
	}
}
