package analysis

import (
	"fmt"
	"math"
	"sort"

	"renkei/stats"
	"renkei/survey"
)

// ReliabilityOptions configure the reliability analysis.
type ReliabilityOptions struct {
	MinGroup    int     // k: sets of fewer responses are suppressed, as every group is
	MinComplete int     // fewer complete responses than this draw a warning
	AlphaFloor  float64 // a raw alpha below this draws a warning
}

// Defaults of the reliability options.
const (
	DefaultMinComplete = 30
	DefaultAlphaFloor  = 0.7
)

// Reliability warning codes, stable identifiers a script can filter on.
const (
	WarnLowAlpha      = "low_alpha"            // alpha below the floor
	WarnReverseCoding = "check_reverse_coding" // an item correlates negatively with the rest
	WarnFewComplete   = "few_complete"         // too few complete responses for a stable estimate
	WarnNoVariance    = "no_variance"          // an item has no variance and is left out
	WarnNotComputable = "not_computable"       // alpha cannot be computed
	WarnOmegaFit      = "omega_fit"            // the one-factor model for omega could not be fitted
)

// Warning is a caveat that travels with the statistic it qualifies.
type Warning struct {
	Code    string
	Message string
}

func (w Warning) String() string { return w.Message }

// ItemReliability describes one item within its dimension.
type ItemReliability struct {
	Item string
	N    int // answers to the item
	// Dropped is set when the item has no variance (or fewer than two answers): like
	// psych::alpha, the dimension's statistics are then computed without it.
	Dropped bool
	// RDrop is the corrected item–total correlation, psych's r.drop: the correlation of
	// the item with the sum of the dimension's other items, from the covariance matrix.
	RDrop float64
	// AlphaIfDropped is the raw alpha of the other items (NaN with fewer than three items).
	AlphaIfDropped float64
	Warnings       []Warning
}

// DimensionReliability describes the internal consistency of one dimension, over all
// waves (AllWaves) or in one wave. Statistics follow psych::alpha with its defaults: the
// covariance matrix C from pairwise-complete observations (cov(x, use = "pairwise")),
// raw alpha from C, standardized alpha and average r from cov2cor(C).
type DimensionReliability struct {
	AllWaves  bool
	Wave      survey.Wave // when not AllWaves
	Dimension string
	// N counts the responses that answered at least one item of the dimension
	// (psych's number of rows, used by the Feldt CI); Complete those that answered all.
	N, Complete int
	// Suppressed is set when N is below the minimum group size k; no statistic is then
	// given.
	Suppressed bool
	Alpha      float64 // raw alpha, psych's raw_alpha
	StdAlpha   float64 // standardized alpha, psych's std.alpha
	CILow      float64 // 95% CI of alpha after Feldt, psych's alpha.ci (the "Feldt" row it prints)
	CIHigh     float64
	AverageR   float64 // average inter-item correlation, psych's average_r
	OmegaTotal float64 // McDonald's omega total from a one-factor model (see stats.OmegaTotal)
	Items      []ItemReliability
	Warnings   []Warning
}

// Reliability computes the reliability of every dimension over all waves, then in each
// wave in chronological order, dimensions in codebook order.
func (r *Result) Reliability(opt ReliabilityOptions) []DimensionReliability {
	sums := &r.agg.reliability
	cb := r.Codebook
	waves := make([]int32, 0, len(sums.waves))
	for w := range sums.waves {
		waves = append(waves, w)
	}
	sort.Slice(waves, func(i, j int) bool { return waves[i] < waves[j] })
	total := sums.newWave()
	for _, w := range waves {
		for d := range total {
			total[d].add(&sums.waves[w][d])
		}
	}
	var out []DimensionReliability
	for d, dim := range cb.Dimensions {
		folded := total[d].folded(cb, dim)
		rel := dimensionReliability(cb, dim, &folded, opt)
		rel.AllWaves = true
		out = append(out, rel)
	}
	for _, w := range waves {
		for d, dim := range cb.Dimensions {
			folded := sums.waves[w][d].folded(cb, dim)
			rel := dimensionReliability(cb, dim, &folded, opt)
			rel.Wave = survey.WaveFromIndex(int(w))
			out = append(out, rel)
		}
	}
	return out
}

func dimensionReliability(cb *survey.Codebook, dim survey.Dimension, s *dimensionSums, opt ReliabilityOptions) DimensionReliability {
	k := len(dim.Items)
	rel := DimensionReliability{
		Dimension: dim.ID, N: int(s.rows), Complete: int(s.complete),
		Alpha: math.NaN(), StdAlpha: math.NaN(), CILow: math.NaN(), CIHigh: math.NaN(),
		AverageR: math.NaN(), OmegaTotal: math.NaN(),
	}
	if rel.N < opt.MinGroup {
		rel.Suppressed = true
		return rel
	}
	rel.Items = make([]ItemReliability, k)
	var keep []int // items with variance, as psych::alpha keeps them
	for t, i := range dim.Items {
		diag := &s.pairs[pairIndex(k, t, t)]
		it := &rel.Items[t]
		*it = ItemReliability{Item: cb.Items[i].ID, N: int(diag.n), RDrop: math.NaN(), AlphaIfDropped: math.NaN()}
		if v := diag.cov(); !(v > 0) {
			it.Dropped = true
			it.Warnings = append(it.Warnings, Warning{WarnNoVariance, fmt.Sprintf("item %s has no variance (every answer the same, or fewer than two answers); alpha is computed without it", it.Item)})
			continue
		}
		keep = append(keep, t)
	}
	if rel.Complete < opt.MinComplete {
		rel.Warnings = append(rel.Warnings, Warning{WarnFewComplete, fmt.Sprintf("only %d responses answered every item of %s (fewer than %d): the estimate is unstable", rel.Complete, dim.ID, opt.MinComplete)})
	}
	m := len(keep)
	if m < 2 {
		rel.Warnings = append(rel.Warnings, Warning{WarnNotComputable, fmt.Sprintf("alpha of %s needs at least two items with variance", dim.ID)})
		return rel
	}
	c := make([]float64, m*m) // the covariance matrix of the kept items
	for a, t := range keep {
		for b, u := range keep {
			if a <= b {
				c[a*m+b] = s.pairs[pairIndex(k, t, u)].cov()
			} else {
				c[a*m+b] = c[b*m+a]
			}
		}
	}
	for _, v := range c {
		if math.IsNaN(v) {
			rel.Warnings = append(rel.Warnings, Warning{WarnNotComputable, fmt.Sprintf("some pairs of items of %s were answered together by fewer than two responses; alpha cannot be computed", dim.ID)})
			return rel
		}
	}
	r := stats.Cov2Cor(c, m)
	rel.Alpha = stats.CronbachAlpha(c, m, -1)
	rel.StdAlpha, rel.AverageR = stats.StdAlpha(r, m)
	rel.CILow, rel.CIHigh = stats.AlphaCI(rel.Alpha, rel.N, m)
	var fitted bool
	rel.OmegaTotal, fitted = stats.OmegaTotal(r, m)
	if !fitted {
		rel.Warnings = append(rel.Warnings, Warning{WarnOmegaFit, fmt.Sprintf("the one-factor model of %s could not be fitted; no omega", dim.ID)})
	}
	if rel.Alpha < opt.AlphaFloor {
		rel.Warnings = append(rel.Warnings, Warning{WarnLowAlpha, fmt.Sprintf("alpha of %s is %.2f, below %.2f: its items may not measure one thing", dim.ID, rel.Alpha, opt.AlphaFloor)})
	}
	for a, t := range keep {
		it := &rel.Items[t]
		it.RDrop = stats.RDrop(c, m, a)
		if m > 2 {
			it.AlphaIfDropped = stats.CronbachAlpha(c, m, a)
		}
		if it.RDrop < 0 {
			it.Warnings = append(it.Warnings, Warning{WarnReverseCoding, fmt.Sprintf("check reverse coding of item %s: it correlates negatively (r.drop %.2f) with the rest of %s", it.Item, it.RDrop, dim.ID)})
		}
	}
	return rel
}
