package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// The internal-consistency statistics of a scale, as psych::alpha computes them, each
// from the m×m covariance or correlation matrix of its items, row by row in one slice.

// CronbachAlpha returns Cronbach's alpha of the m×m covariance matrix c without item
// drop (none when drop < 0): (1 − tr(C)/ΣC)·n/(n−1) over the n items kept, psych's
// alpha.1 (raw_alpha; with an item dropped, alpha.drop's raw_alpha).
func CronbachAlpha(c []float64, m, drop int) float64 {
	tr, sum, n := 0.0, 0.0, 0
	for a := 0; a < m; a++ {
		if a == drop {
			continue
		}
		n++
		tr += c[a*m+a]
		for b := 0; b < m; b++ {
			if b != drop {
				sum += c[a*m+b]
			}
		}
	}
	fn := float64(n)
	return (1 - tr/sum) * (fn / (fn - 1))
}

// StdAlpha returns the standardized alpha and the average inter-item correlation of the
// m×m correlation matrix r, psych's std.alpha and average_r.
func StdAlpha(r []float64, m int) (alpha, averageR float64) {
	sumR := 0.0
	for _, v := range r {
		sumR += v
	}
	fm := float64(m)
	return (1 - fm/sumR) * (fm / (fm - 1)), (sumR - fm) / (fm * (fm - 1))
}

// RDrop returns the corrected item–total correlation of item a, psych's r.drop: the
// correlation of the item with the sum of the other items, from the m×m covariance
// matrix c.
func RDrop(c []float64, m, a int) float64 {
	total := 0.0
	for _, v := range c {
		total += v
	}
	cross := 0.0
	for b := 0; b < m; b++ {
		if b != a {
			cross += c[a*m+b]
		}
	}
	rest := total - 2*cross - c[a*m+a]
	return cross / math.Sqrt(c[a*m+a]*rest)
}

// Cov2Cor scales the m×m covariance matrix c to a correlation matrix by its diagonal,
// R's cov2cor.
func Cov2Cor(c []float64, m int) []float64 {
	r := make([]float64, m*m)
	for a := 0; a < m; a++ {
		for b := 0; b < m; b++ {
			r[a*m+b] = c[a*m+b] / math.Sqrt(c[a*m+a]*c[b*m+b])
		}
		r[a*m+a] = 1
	}
	return r
}

// AlphaCI returns the 95% confidence interval of alpha after Feldt from n responses to
// k items, as psych's alpha.ci: 1 − (1 − alpha)·F quantile with n−1 and (n−1)(k−1)
// degrees of freedom. It is NaN for n < 2 or k < 2.
func AlphaCI(alpha float64, n, k int) (lo, hi float64) {
	if n < 2 || k < 2 {
		return math.NaN(), math.NaN()
	}
	f := distuv.F{D1: float64(n - 1), D2: float64((n - 1) * (k - 1))}
	return 1 - (1-alpha)*f.Quantile(0.975), 1 - (1-alpha)*f.Quantile(0.025)
}
