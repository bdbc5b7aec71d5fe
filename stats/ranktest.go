package stats

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"
)

// exactRankLimit is R's default for exact rank tests: exact when every sample is
// smaller than this, and there are no ties (or zero differences).
const exactRankLimit = 50

// RankTest is the result of a two-sided Wilcoxon test, as R's wilcox.test reports it
// with its defaults (exact = NULL, correct = TRUE).
type RankTest struct {
	// Statistic is V, the sum of the ranks of the positive differences (signed-rank),
	// or W, the rank sum of the first sample minus its minimum (rank-sum, Mann–Whitney).
	Statistic float64
	P         float64
	Exact     bool // the exact null distribution was used, not the normal approximation
	N         int  // signed-rank: differences used, zeros dropped; rank-sum: all values
}

// midranks returns the ranks of v (1-based, ties given their mean rank, as R's rank)
// and the sizes of the groups of tied values.
func midranks(v []float64) (ranks []float64, ties []int) {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return v[idx[a]] < v[idx[b]] })
	ranks = make([]float64, len(v))
	for i := 0; i < len(idx); {
		j := i + 1
		for j < len(idx) && v[idx[j]] == v[idx[i]] {
			j++
		}
		r := float64(i+j+1) / 2 // mean of ranks i+1 … j
		for k := i; k < j; k++ {
			ranks[idx[k]] = r
		}
		ties = append(ties, j-i)
		i = j
	}
	return ranks, ties
}

// tieSum is Σ(t³ − t) over the tie groups.
func tieSum(ties []int) float64 {
	s := 0.0
	for _, t := range ties {
		s += float64(t*t*t - t)
	}
	return s
}

// hasTies reports whether some value occurs more than once.
func hasTies(ties []int) bool {
	for _, t := range ties {
		if t > 1 {
			return true
		}
	}
	return false
}

// normalRankP is the two-sided p-value of the normal approximation with continuity
// correction: z = (stat − mean − sign·½)/sigma.
func normalRankP(stat, mean, sigma float64) float64 {
	z := stat - mean
	if z > 0 {
		z -= 0.5
	} else if z < 0 {
		z += 0.5
	}
	z /= sigma
	std := distuv.UnitNormal
	return 2 * math.Min(std.CDF(z), std.Survival(z))
}

// exactTwoSided is R's two-sided exact p-value from the counts of a discrete null
// distribution on 0…len(counts)−1: twice the smaller tail at the statistic, at most 1.
func exactTwoSided(counts []float64, stat float64) float64 {
	total := 0.0
	for _, c := range counts {
		total += c
	}
	s := int(math.Round(stat))
	mid := float64(len(counts)-1) / 2
	tail := 0.0
	if stat > mid {
		for v := s; v < len(counts); v++ {
			tail += counts[v]
		}
	} else {
		for v := 0; v <= s && v < len(counts); v++ {
			tail += counts[v]
		}
	}
	return math.Min(2*tail/total, 1)
}

// signedRankCounts returns how many of the 2ⁿ sign assignments give each value
// 0…n(n+1)/2 of the signed-rank statistic (R's dsignrank times 2ⁿ).
func signedRankCounts(n int) []float64 {
	max := n * (n + 1) / 2
	c := make([]float64, max+1)
	c[0] = 1
	for r := 1; r <= n; r++ {
		for s := max; s >= r; s-- {
			c[s] += c[s-r]
		}
	}
	return c
}

// rankSumCounts returns how many of the ways to choose m of m+n ranks give each value
// 0…m·n of the Mann–Whitney statistic (R's dwilcox times choose(m+n, m)).
func rankSumCounts(m, n int) []float64 {
	// c[k][u]: k ranks chosen so far, u = their sum minus k(k+1)/2.
	c := make([][]float64, m+1)
	for k := range c {
		c[k] = make([]float64, m*n+1)
	}
	c[0][0] = 1
	for r := 1; r <= m+n; r++ {
		for k := min(r, m); k >= 1; k-- {
			// Adding rank r as the k-th chosen adds r − k to u.
			shift := r - k
			if shift > m*n {
				continue
			}
			for u := m * n; u >= shift; u-- {
				c[k][u] += c[k-1][u-shift]
			}
		}
	}
	return c[m]
}

// SignedRank is the Wilcoxon signed-rank test of the differences d (after − before),
// as R's wilcox.test(after, before, paired = TRUE): zero differences are dropped; the
// p-value is exact when fewer than 50 differences remain and there are neither ties
// nor zeros, and otherwise from the normal approximation with continuity and tie
// correction. P is NaN when no non-zero difference remains.
func SignedRank(d []float64) RankTest {
	nz := make([]float64, 0, len(d))
	abs := make([]float64, 0, len(d))
	for _, x := range d {
		if x != 0 {
			nz = append(nz, x)
			abs = append(abs, math.Abs(x))
		}
	}
	zeros := len(nz) < len(d)
	n := len(nz)
	res := RankTest{N: n, Statistic: 0, P: math.NaN()}
	if n == 0 {
		return res
	}
	ranks, ties := midranks(abs)
	for i, x := range nz {
		if x > 0 {
			res.Statistic += ranks[i]
		}
	}
	fn := float64(n)
	if n < exactRankLimit && !hasTies(ties) && !zeros {
		res.Exact = true
		res.P = exactTwoSided(signedRankCounts(n), res.Statistic)
		return res
	}
	sigma := math.Sqrt(fn*(fn+1)*(2*fn+1)/24 - tieSum(ties)/48)
	if sigma == 0 {
		return res
	}
	res.P = normalRankP(res.Statistic, fn*(fn+1)/4, sigma)
	return res
}

// RankSum is the Wilcoxon rank-sum (Mann–Whitney) test of x against y, as R's
// wilcox.test(x, y): W counts the pairs with x above y (ties a half); the p-value is
// exact when both samples are smaller than 50 and there are no ties, and otherwise
// from the normal approximation with continuity and tie correction.
func RankSum(x, y []float64) RankTest {
	m, n := len(x), len(y)
	res := RankTest{N: m + n, P: math.NaN()}
	if m == 0 || n == 0 {
		return res
	}
	all := append(append(make([]float64, 0, m+n), x...), y...)
	ranks, ties := midranks(all)
	sum := 0.0
	for _, r := range ranks[:m] {
		sum += r
	}
	fm, fn := float64(m), float64(n)
	res.Statistic = sum - fm*(fm+1)/2
	if m < exactRankLimit && n < exactRankLimit && !hasTies(ties) {
		res.Exact = true
		res.P = exactTwoSided(rankSumCounts(m, n), res.Statistic)
		return res
	}
	sigma := math.Sqrt(fm * fn / 12 * ((fm + fn + 1) - tieSum(ties)/((fm+fn)*(fm+fn-1))))
	if sigma == 0 || math.IsNaN(sigma) {
		return res
	}
	res.P = normalRankP(res.Statistic, fm*fn/2, sigma)
	return res
}
