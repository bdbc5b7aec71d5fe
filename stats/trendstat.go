package stats

import (
	"math"
	"sort"
	"sync"

	"gonum.org/v1/gonum/stat/distuv"
)

// The statistics of a trend, each a free function over a short series (x, y), each
// following an R function named in its comment. They return NaN where R returns NA or
// NaN.

// OLSSlope fits y = a + b·x by least squares, as R's lm(y ~ x), and returns the slope,
// its 95% confidence interval (confint) and the two-sided p of its t test with n−2 df
// (summary(lm)). The interval and p need three points; the slope needs two distinct x.
func OLSSlope(x, y []float64) (slope, lo, hi, p float64) {
	n := len(x)
	lo, hi, p = math.NaN(), math.NaN(), math.NaN()
	if n < 2 {
		return math.NaN(), lo, hi, p
	}
	mx, my := Mean(x), Mean(y)
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
	return slope, slope - half, slope + half, TTwoSidedP(slope/se, df)
}

// TheilSen returns the Theil–Sen slope: the median (R's median) of the slopes between
// every pair of points with distinct x.
func TheilSen(x, y []float64) float64 {
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

// Kendall returns Kendall's tau-b of x and y and the two-sided p of the test of no
// association, as R's cor.test(x, y, method = "kendall") with its defaults: the exact
// null distribution when n < 50 and neither series has ties, otherwise the normal
// approximation of S = concordant − discordant pairs with the tie-corrected variance,
// without continuity correction. tau and p are NaN when either series is constant.
func Kendall(x, y []float64) (tau, p float64) {
	n := len(x)
	var concordant, discordant, tiedX, tiedY float64
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			dx, dy := Sign(x[j]-x[i]), Sign(y[j]-y[i])
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

// Sign returns 1 for a positive v, −1 for a negative one, and 0 for zero or NaN.
func Sign(v float64) int {
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
