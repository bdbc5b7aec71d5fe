package analysis

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"gonum.org/v1/gonum/stat/distuv"

	"renkei/stats"
)

// The statistics behind trends, each a free function over a short series (one value
// per wave) or over the summary statistics of two groups, each following an R function
// named in its comment. They return NaN where R returns NA or NaN.

// olsSlope fits y = a + b·x by least squares, as R's lm(y ~ x), and returns the slope,
// its 95% confidence interval (confint) and the two-sided p of its t test with n−2 df
// (summary(lm)). The interval and p need three points; the slope needs two distinct x.
func olsSlope(x, y []float64) (slope, lo, hi, p float64) {
	n := len(x)
	lo, hi, p = math.NaN(), math.NaN(), math.NaN()
	if n < 2 {
		return math.NaN(), lo, hi, p
	}
	mx, my := stats.Mean(x), stats.Mean(y)
	var sxx, sxy float64
	for i := range x {
		sxx += (x[i] - mx) * (x[i] - mx)
		sxy += (x[i] - mx) * (y[i] - my)
	}
	if sxx == 0 {
		return math.NaN(), lo, hi, p
	}
	slope = sxy / sxx
	if n < 3 {
		return slope, lo, hi, p
	}
	var sse float64
	for i := range x {
		r := y[i] - my - slope*(x[i]-mx)
		sse += r * r
	}
	df := float64(n - 2)
	se := math.Sqrt(sse / df / sxx)
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}
	half := t.Quantile(0.975) * se
	return slope, slope - half, slope + half, 2 * t.CDF(-math.Abs(slope/se))
}

// theilSen returns the Theil–Sen slope: the median (R's median) of the slopes between
// every pair of points with distinct x.
func theilSen(x, y []float64) float64 {
	var slopes []float64
	for i := range x {
		for j := i + 1; j < len(x); j++ {
			if x[j] != x[i] {
				slopes = append(slopes, (y[j]-y[i])/(x[j]-x[i]))
			}
		}
	}
	if len(slopes) == 0 {
		return math.NaN()
	}
	sort.Float64s(slopes)
	m := len(slopes)
	return (slopes[(m-1)/2] + slopes[m/2]) / 2
}

// kendall returns Kendall's tau-b of x and y and the two-sided p of the test of no
// association, as R's cor.test(x, y, method = "kendall") with its defaults: the exact
// null distribution when n < 50 and neither series has ties, otherwise the normal
// approximation of S = concordant − discordant pairs with the tie-corrected variance,
// without continuity correction. tau and p are NaN when either series is constant.
func kendall(x, y []float64) (tau, p float64) {
	n := len(x)
	var concordant, discordant, tiedX, tiedY float64
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			dx, dy := sign(x[j]-x[i]), sign(y[j]-y[i])
			switch {
			case dx == 0 && dy == 0:
				tiedX++
				tiedY++
			case dx == 0:
				tiedX++
			case dy == 0:
				tiedY++
			case dx == dy:
				concordant++
			default:
				discordant++
			}
		}
	}
	pairs := float64(n) * float64(n-1) / 2
	tau = (concordant - discordant) / math.Sqrt((pairs-tiedX)*(pairs-tiedY))
	if n < 2 || math.IsNaN(tau) || math.IsInf(tau, 0) {
		return math.NaN(), math.NaN()
	}
	if n < 50 && tiedX == 0 && tiedY == 0 {
		q := concordant // R: round((r + 1) * n * (n - 1) / 4)
		var one float64
		if q > pairs/2 {
			one = 1 - kendallCDF(q-1, n)
		} else {
			one = kendallCDF(q, n)
		}
		return tau, math.Min(2*one, 1)
	}
	tx, ty := tieGroups(x), tieGroups(y)
	nf := float64(n)
	v0 := nf * (nf - 1) * (2*nf + 5)
	vt := sumTies(tx, func(t float64) float64 { return t * (t - 1) * (2*t + 5) })
	vu := sumTies(ty, func(t float64) float64 { return t * (t - 1) * (2*t + 5) })
	v1 := sumTies(tx, func(t float64) float64 { return t * (t - 1) }) * sumTies(ty, func(t float64) float64 { return t * (t - 1) })
	v2 := sumTies(tx, func(t float64) float64 { return t * (t - 1) * (t - 2) }) * sumTies(ty, func(t float64) float64 { return t * (t - 1) * (t - 2) })
	varS := (v0-vt-vu)/18 + v1/(2*nf*(nf-1)) + v2/(9*nf*(nf-1)*(nf-2))
	z := (concordant - discordant) / math.Sqrt(varS)
	return tau, 2 * distuv.UnitNormal.CDF(-math.Abs(z))
}

func sign(v float64) int {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// tieGroups returns the sizes of the groups of equal values in v that have more than
// one member.
func tieGroups(v []float64) []float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	var groups []float64
	for i := 0; i < len(s); {
		j := i + 1
		for j < len(s) && s[j] == s[i] {
			j++
		}
		if j-i > 1 {
			groups = append(groups, float64(j-i))
		}
		i = j
	}
	return groups
}

func sumTies(groups []float64, f func(float64) float64) float64 {
	var s float64
	for _, t := range groups {
		s += f(t)
	}
	return s
}

// kendallCDF is P(T ≤ q) for the number T of concordant pairs among n untied points
// under independence: the share of the n! permutations with at most q inversions, as R's
// pkendall (the counts of permutations by inversions, summed, over n!).
func kendallCDF(q float64, n int) float64 {
	if q < 0 {
		return 0
	}
	max := n * (n - 1) / 2
	if q >= float64(max) {
		return 1
	}
	counts := inversionCounts(n)
	var s float64
	for k := 0; k <= int(math.Floor(q+1e-7)); k++ {
		s += counts[k]
	}
	return s / math.Gamma(float64(n+1))
}

// inversions caches inversionCounts by n: a run tests every partnership's trend over
// the same few waves.
var inversions sync.Map // int → []float64

// inversionCounts returns, at k, the number of permutations of n elements with k
// inversions (read-only).
func inversionCounts(n int) []float64 {
	if c, ok := inversions.Load(n); ok {
		return c.([]float64)
	}
	max := n * (n - 1) / 2
	// counts[k]: permutations of m elements with k inversions, built up m = 1 … n.
	counts := make([]float64, max+1)
	counts[0] = 1
	for m := 2; m <= n; m++ {
		next := make([]float64, max+1)
		top := m * (m - 1) / 2
		for k := 0; k <= top; k++ {
			var s float64
			for i := 0; i < m && i <= k; i++ {
				s += counts[k-i]
			}
			next[k] = s
		}
		counts = next
	}
	if n <= maxCachedInversions {
		inversions.Store(n, counts)
	}
	return counts
}

// maxCachedInversions bounds the cache: a trend over more points than this many waves
// is computed afresh each time.
const maxCachedInversions = 64

// groupSummary is what a two-sample comparison needs of each group.
type groupSummary struct {
	n        int
	mean, sd float64
}

func summaryOf(s Stats) groupSummary { return groupSummary{n: s.N, mean: s.Mean, sd: s.SD} }

// welch returns Welch's two-sample t test of b against a from their summaries: R's
// t.test(b, a) on the underlying values (t, Welch–Satterthwaite df, two-sided p). All
// are NaN when a group has fewer than two values or both have no spread.
func welch(a, b groupSummary) (t, df, p float64) {
	t, df = welchTDF(a, b)
	if math.IsNaN(t) {
		return t, df, math.NaN()
	}
	return t, df, welchP(t, df)
}

// welchTDF returns welch's t and df, NaN when it has no test.
func welchTDF(a, b groupSummary) (t, df float64) {
	if a.n < 2 || b.n < 2 {
		return math.NaN(), math.NaN()
	}
	va, vb := a.sd*a.sd/float64(a.n), b.sd*b.sd/float64(b.n)
	if va+vb == 0 {
		return math.NaN(), math.NaN()
	}
	t = (b.mean - a.mean) / math.Sqrt(va+vb)
	df = (va + vb) * (va + vb) / (va*va/float64(a.n-1) + vb*vb/float64(b.n-1))
	return t, df
}

// welchP returns the two-sided p-value of t at df.
func welchP(t, df float64) float64 {
	return 2 * distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.CDF(-math.Abs(t))
}

// hedgesG returns Hedges' g of b against a with its 95% confidence interval.
//
// g = d·J with d = (mean_b − mean_a)/s_pooled and J = 1 − 3/(4(n_a+n_b) − 9) (DESIGN's
// convention). The interval is the usual large-sample one, g ± z₀.₉₇₅·SE_g with
// SE_g = J·√V_d and V_d = (n_a+n_b)/(n_a·n_b) + d²/(2(n_a+n_b)): Borenstein, Hedges,
// Higgins & Rothstein (2009), Introduction to Meta-Analysis, eqs. 4.20 and 4.22–4.24. It
// is not the noncentral-t interval, which is slightly wider for small groups.
func hedgesG(a, b groupSummary) (g, lo, hi float64) {
	if a.n < 2 || b.n < 2 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	na, nb := float64(a.n), float64(b.n)
	sp := math.Sqrt(((na-1)*a.sd*a.sd + (nb-1)*b.sd*b.sd) / (na + nb - 2))
	if sp == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	d := (b.mean - a.mean) / sp
	j := 1 - 3/(4*(na+nb)-9)
	g = j * d
	se := j * math.Sqrt((na+nb)/(na*nb)+d*d/(2*(na+nb)))
	half := distuv.UnitNormal.Quantile(0.975) * se
	return g, g - half, g + half
}

// Adjustment is a method of adjusting p-values for multiple testing.
type Adjustment string

// Adjustments, as R's p.adjust methods.
const (
	AdjustBH   Adjustment = "bh"   // Benjamini–Hochberg, p.adjust(p, "BH"): controls the false discovery rate
	AdjustHolm Adjustment = "holm" // Holm, p.adjust(p, "holm"): controls the family-wise error rate
	AdjustNone Adjustment = "none" // no adjustment
)

// ParseAdjustment reads an adjustment name in any letter case.
func ParseAdjustment(s string) (Adjustment, error) {
	switch a := Adjustment(strings.ToLower(strings.TrimSpace(s))); a {
	case AdjustBH, AdjustHolm, AdjustNone:
		return a, nil
	}
	return "", fmt.Errorf("unknown adjustment %q; use bh, holm or none", s)
}

// adjustP returns the p-values adjusted by method, as R's p.adjust. NaN p-values are
// left out of the family and stay NaN.
func adjustP(p []float64, method Adjustment) []float64 {
	out := make([]float64, len(p))
	// The p-values that are not NaN, in index order; sorted below with ties kept in
	// index order (a stable sort, faster as one with the index as the tie-break).
	type ranked struct {
		p float64
		i int
	}
	var idx []ranked
	for i, v := range p {
		out[i] = v
		if !math.IsNaN(v) {
			idx = append(idx, ranked{v, i})
		}
	}
	m := float64(len(idx))
	switch method {
	case AdjustBH:
		slices.SortFunc(idx, func(a, b ranked) int {
			if c := cmp.Compare(b.p, a.p); c != 0 {
				return c
			}
			return a.i - b.i
		})
		running := math.Inf(1)
		for k, r := range idx {
			rank := m - float64(k) // largest first: rank m, m−1, …
			running = math.Min(running, m/rank*r.p)
			out[r.i] = math.Min(1, running)
		}
	case AdjustHolm:
		slices.SortFunc(idx, func(a, b ranked) int {
			if c := cmp.Compare(a.p, b.p); c != 0 {
				return c
			}
			return a.i - b.i
		})
		running := 0.0
		for k, r := range idx {
			running = math.Max(running, (m-float64(k))*r.p)
			out[r.i] = math.Min(1, running)
		}
	}
	return out
}
