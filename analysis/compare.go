package analysis

import (
	"math"
	"math/rand/v2"
	"sort"

	"renkei/stats"
)

// Design is how the two sides of a before/after comparison relate.
type Design string

// Designs: paired by respondent id, or two independent samples.
const (
	DesignPaired   Design = "paired"
	DesignUnpaired Design = "unpaired"
)

// Verdict is a plain-language reading of a change.
type Verdict string

// Verdicts. A change is called improved or declined only when its 95% CI excludes zero
// and its Holm-adjusted p is below 0.05; a CI that includes zero is "no clear change",
// never "no effect" — the minimum detectable change says how large an effect the data
// could have shown.
const (
	VerdictImproved      Verdict = "improved"
	VerdictDeclined      Verdict = "declined"
	VerdictNoClearChange Verdict = "no clear change"
	VerdictNotAfterHolm  Verdict = "not clear after Holm" // CI excludes zero, but not after adjusting for the family's tests
	VerdictNotTestable   Verdict = "not testable"         // no variation in the data
)

// Alpha is the two-sided significance level of every test and CI (95%).
const Alpha = 0.05

// Power is the power at which the minimum detectable change is given.
const Power = 0.8

// BootstrapReplicates is the number of bootstrap resamples behind a percentile CI.
const BootstrapReplicates = 2000

// bootstrapSeed seeds the PCG source of every bootstrap; each CI starts a fresh source
// (second seed word: the sample size), so results do not depend on the order in which
// comparisons are computed, nor on GOMAXPROCS, and reruns are identical.
const bootstrapSeed uint64 = 0x72656e6b6569 // "renkei"

// Change compares one variable (a dimension, an item or health) before and after.
// Differences are after − before.
type Change struct {
	NBefore, NAfter int // values used on each side (both n_pairs in a paired design)
	NPairs          int // paired design: respondents with a value on both sides; 0 unpaired

	MeanBefore, MeanAfter float64
	// The 95% CI of each side's mean (t with n−1 df, as t.test(x)$conf.int), for
	// charts that show both sides.
	BeforeCILow, BeforeCIHigh float64
	AfterCILow, AfterCIHigh   float64
	Diff                      float64 // mean change: mean of the differences (paired), difference of means (unpaired)
	DiffCILow, DiffCIHigh     float64 // 95% CI of Diff: paired or Welch t
	BootCILow, BootCIHigh     float64 // paired: bootstrap percentile 95% CI of the mean change; NaN unpaired

	T, DF, P   float64 // paired t-test, or Welch's t-test
	PHolm, PBH float64 // P adjusted within its family (see Comparison)

	// Effect is Cohen's d_z = mean(diff)/sd(diff) (paired) or Hedges' g (unpaired), with
	// a 95% CI from the normal approximation of its standard error.
	Effect, EffectCILow, EffectCIHigh float64

	Rank stats.RankTest // Wilcoxon signed-rank (paired) or rank-sum (unpaired)

	// MDC is the minimum detectable change at 80% power, two-sided α = 0.05:
	// (t(1−α/2, df) + t(0.8, df)) · SE, with SE and df those of the t-test.
	MDC float64

	Verdict Verdict
}

// tResult fills the t-test fields of c from an estimate, its standard error and df.
func (c *Change) tResult(est, se, df float64) {
	c.Diff, c.DF = est, df
	r := stats.TTestOf(est, se, df, Alpha, Power)
	c.T, c.P, c.DiffCILow, c.DiffCIHigh, c.MDC = r.T, r.P, r.Low, r.High, r.MDC
}

// PairedChange compares paired values: before[i] and after[i] belong to one respondent.
// It is R's t.test(after, before, paired = TRUE) and wilcox.test(after, before,
// paired = TRUE), with Cohen's d_z and a bootstrap CI of the mean change.
func PairedChange(before, after []float64) Change {
	d := make([]float64, len(before))
	for i := range d {
		d[i] = after[i] - before[i]
	}
	return pairedChange(before, after, d)
}

// pairedChange is PairedChange with the differences given: callers holding exact
// scores pass differences computed exactly, so that equal differences tie exactly.
func pairedChange(before, after, d []float64) Change {
	n := len(d)
	c := Change{NBefore: n, NAfter: n, NPairs: n, BootCILow: math.NaN(), BootCIHigh: math.NaN()}
	c.MeanBefore, c.MeanAfter = stats.Mean(before), stats.Mean(after)
	c.BeforeCILow, c.BeforeCIHigh = stats.MeanCI(before)
	c.AfterCILow, c.AfterCIHigh = stats.MeanCI(after)
	c.tResult(stats.PairedT(d))
	c.Effect, c.EffectCILow, c.EffectCIHigh = stats.CohenDz(d, Alpha)
	if n > 1 {
		c.BootCILow, c.BootCIHigh = bootstrapMeanCI(d)
	}
	c.Rank = stats.SignedRank(d)
	return c
}

// UnpairedChange compares two independent samples: R's t.test(after, before) (Welch)
// and wilcox.test(after, before), with Hedges' g.
func UnpairedChange(before, after []float64) Change {
	c := Change{NBefore: len(before), NAfter: len(after), BootCILow: math.NaN(), BootCIHigh: math.NaN()}
	b, a := stats.SummaryOf(before), stats.SummaryOf(after)
	c.MeanBefore, c.MeanAfter = b.Mean, a.Mean
	c.BeforeCILow, c.BeforeCIHigh = stats.MeanCI(before)
	c.AfterCILow, c.AfterCIHigh = stats.MeanCI(after)
	se, df := stats.WelchSE(b, a)
	c.tResult(c.MeanAfter-c.MeanBefore, se, df)
	c.Effect, c.EffectCILow, c.EffectCIHigh = stats.HedgesGPlugIn(b, a, Alpha)
	c.Rank = stats.RankSum(after, before)
	return c
}

// DiD is a difference in differences: the trained group's change minus the untrained
// group's, with a Welch-type t CI.
type DiD struct {
	Estimate      float64
	CILow, CIHigh float64
	T, DF, P      float64
}

// PairedDiD compares the per-respondent changes of the trained group with those of the
// untrained group: R's t.test(trainedDiffs, untrainedDiffs) (Welch).
func PairedDiD(trained, untrained []float64) DiD {
	return welchDiD([]sample{{trained, 1}, {untrained, -1}})
}

// UnpairedDiD is (mean after − mean before) of the trained group minus that of the
// untrained group, from four independent samples. Its standard error is
// √(Σ s²/n) and its df Welch–Satterthwaite's over the four samples.
func UnpairedDiD(trainedBefore, trainedAfter, untrainedBefore, untrainedAfter []float64) DiD {
	return welchDiD([]sample{{trainedAfter, 1}, {trainedBefore, -1}, {untrainedAfter, -1}, {untrainedBefore, 1}})
}

// sample is one term of a linear contrast of means.
type sample struct {
	x    []float64
	sign float64
}

func welchDiD(terms []sample) DiD {
	var est float64
	sums := make([]stats.Summary, len(terms))
	for i, s := range terms {
		sums[i] = stats.SummaryOf(s.x)
		est += s.sign * sums[i].Mean
	}
	se, df := stats.WelchSE(sums...)
	var c Change
	c.tResult(est, se, df)
	return DiD{Estimate: est, CILow: c.DiffCILow, CIHigh: c.DiffCIHigh, T: c.T, DF: c.DF, P: c.P}
}

// bootstrapMeanCI is the percentile 95% CI of the mean of d over BootstrapReplicates
// resamples with replacement, quantiles as R's quantile (type 7).
func bootstrapMeanCI(d []float64) (lo, hi float64) {
	rng := rand.New(rand.NewPCG(bootstrapSeed, uint64(len(d))))
	n := len(d)
	means := make([]float64, BootstrapReplicates)
	for b := range means {
		s := 0.0
		for range n {
			s += d[rng.IntN(n)]
		}
		means[b] = s / float64(n)
	}
	sort.Float64s(means)
	return quantile7(means, Alpha/2), quantile7(means, 1-Alpha/2)
}

// quantile7 is R's quantile(x, p) (type 7) of sorted x.
func quantile7(sorted []float64, p float64) float64 {
	h := float64(len(sorted)-1) * p
	lo := math.Floor(h)
	i := int(lo)
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (h-lo)*(sorted[i+1]-sorted[i])
}

// verdict reads a change after its p-value has been adjusted.
func (c *Change) verdict() Verdict {
	switch {
	case math.IsNaN(c.DiffCILow) || math.IsNaN(c.P):
		return VerdictNotTestable
	case c.DiffCILow <= 0 && c.DiffCIHigh >= 0:
		return VerdictNoClearChange
	case c.PHolm >= Alpha:
		return VerdictNotAfterHolm
	case c.Diff > 0:
		return VerdictImproved
	}
	return VerdictDeclined
}

// N returns the number of values behind the change: pairs, or both sides together.
func (c *Change) N() int {
	if c.NPairs > 0 {
		return c.NPairs
	}
	return c.NBefore + c.NAfter
}
