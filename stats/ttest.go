package stats

import (
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// t tests and standardised effects of a difference of means, from the values or from
// the summary statistics of each sample, as R's t.test computes them.

// Summary is what the two-sample statistics need of a sample: its size, mean, sample
// variance (n−1) and sum of squared deviations (n−1)·Var. Make one with SummaryOf
// from the values or with SummaryFromSD from a published mean and SD; each keeps the
// rounding of its source, so that statistics from values and from SDs stay as they are.
type Summary struct {
	N    int
	Mean float64
	Var  float64 // sample variance, NaN with fewer than two values
	SS   float64 // sum of squared deviations from the mean
}

// SummaryOf describes the values x.
func SummaryOf(x []float64) Summary {
	v := Variance(x)
	return Summary{N: len(x), Mean: Mean(x), Var: v, SS: float64(len(x)-1) * v}
}

// SummaryFromSD describes a sample of n values by its mean and standard deviation.
func SummaryFromSD(n int, mean, sd float64) Summary {
	return Summary{N: n, Mean: mean, Var: sd * sd, SS: float64(n-1) * sd * sd}
}

// TTwoSidedP returns the two-sided p-value of t with df degrees of freedom.
func TTwoSidedP(t, df float64) float64 {
	return 2 * distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.CDF(-math.Abs(t))
}

// WelchSE returns the standard error √(Σ s²/n) of a sum or difference of the means of
// independent samples and its Welch–Satterthwaite degrees of freedom
// (Σ s²/n)² / Σ (s²/n)²/(n−1). Both are NaN when a sample has fewer than two values or
// none has spread.
func WelchSE(samples ...Summary) (se, df float64) {
	var se2, dfDen float64
	for _, s := range samples {
		if s.N < 2 {
			return math.NaN(), math.NaN()
		}
		v := s.Var / float64(s.N)
		se2 += v
		dfDen += v * v / float64(s.N-1)
	}
	if se2 == 0 {
		return math.NaN(), math.NaN()
	}
	return math.Sqrt(se2), se2 * se2 / dfDen
}

// Welch returns Welch's two-sample t test of b against a: R's t.test(b, a) on the
// underlying values (t of mean_b − mean_a, Welch–Satterthwaite df, two-sided p). All
// are NaN when a sample has fewer than two values or neither has spread.
func Welch(a, b Summary) (t, df, p float64) {
	se, df := WelchSE(a, b)
	if math.IsNaN(se) {
		return math.NaN(), math.NaN(), math.NaN()
	}
	t = (b.Mean - a.Mean) / se
	if math.IsNaN(t) {
		return t, df, math.NaN()
	}
	return t, df, TTwoSidedP(t, df)
}

// TTest is the t test of an estimate from its standard error and degrees of freedom.
type TTest struct {
	T, P      float64 // t = estimate/SE and its two-sided p
	Low, High float64 // the 1−alpha confidence interval of the estimate
	MDC       float64 // minimum detectable change: (t(1−alpha/2, df) + t(power, df))·SE
}

// TTestOf tests est with standard error se at df degrees of freedom, at the two-sided
// level alpha, as R's t.test reports statistic, p.value and conf.int; MDC is the
// smallest change such a test detects with the given power. All are NaN unless se and
// df are positive.
func TTestOf(est, se, df, alpha, power float64) TTest {
	nan := math.NaN()
	r := TTest{T: nan, P: nan, Low: nan, High: nan, MDC: nan}
	if !(se > 0) || !(df > 0) {
		return r
	}
	r.T = est / se
	r.P = TTwoSidedP(r.T, df)
	q := TQuantile(1-alpha/2, df)
	r.Low, r.High = est-q*se, est+q*se
	r.MDC = (q + TQuantile(power, df)) * se
	return r
}

// PairedT returns the estimate, standard error and degrees of freedom of the paired t
// test of the differences d (after − before), R's t.test(after, before, paired = TRUE):
// mean(d), sd(d)/√n and n − 1.
func PairedT(d []float64) (est, se, df float64) {
	m, sd := pairedMeanSD(d)
	return m, sd / math.Sqrt(float64(len(d))), float64(len(d) - 1)
}

func pairedMeanSD(d []float64) (m, sd float64) {
	m, sd = Mean(d), math.NaN()
	if len(d) > 1 {
		sd = stat.StdDev(d, nil)
	}
	return m, sd
}

// CohenDz returns Cohen's d_z = mean(d)/sd(d) of the differences d with its 1−alpha
// confidence interval from the normal approximation d_z ± z·√(1/n + d_z²/(2n)). All
// are NaN when the differences have no spread.
func CohenDz(d []float64, alpha float64) (dz, lo, hi float64) {
	m, sd := pairedMeanSD(d)
	if !(sd > 0) {
		return math.NaN(), math.NaN(), math.NaN()
	}
	fn := float64(len(d))
	dz = m / sd
	se := math.Sqrt(1/fn + dz*dz/(2*fn))
	z := distuv.UnitNormal.Quantile(1 - alpha/2)
	return dz, dz - z*se, dz + z*se
}

// PooledSD returns the pooled standard deviation √(Σ SS / Σ(n−1)) of the samples with
// two values or more.
func PooledSD(samples ...Summary) float64 {
	var ss, df float64
	for _, s := range samples {
		if s.N > 1 {
			ss += s.SS
			df += float64(s.N - 1)
		}
	}
	return math.Sqrt(ss / df)
}

// hedges returns Hedges' g of b against a, g = d·J with d = (mean_b − mean_a)/s_pooled
// and J = 1 − 3/(4(n_a+n_b) − 9) (DESIGN's convention), with d and J; all NaN when a
// sample has fewer than two values or neither has spread.
func hedges(a, b Summary) (g, d, j float64) {
	if a.N < 2 || b.N < 2 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	na, nb := float64(a.N), float64(b.N)
	sp := PooledSD(a, b)
	if sp == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	d = (b.Mean - a.Mean) / sp
	j = 1 - 3/(4*(na+nb)-9)
	return j * d, d, j
}

// HedgesG returns Hedges' g of b against a (see hedges) with its 1−alpha confidence
// interval.
//
// The interval is the usual large-sample one, g ± z·SE_g with SE_g = J·√V_d and
// V_d = (n_a+n_b)/(n_a·n_b) + d²/(2(n_a+n_b)): Borenstein, Hedges, Higgins & Rothstein
// (2009), Introduction to Meta-Analysis, eqs. 4.20 and 4.22–4.24. It is not the
// noncentral-t interval, which is slightly wider for small groups.
func HedgesG(a, b Summary, alpha float64) (g, lo, hi float64) {
	g, d, j := hedges(a, b)
	if math.IsNaN(g) {
		return g, g, g
	}
	na, nb := float64(a.N), float64(b.N)
	se := j * math.Sqrt((na+nb)/(na*nb)+d*d/(2*(na+nb)))
	half := distuv.UnitNormal.Quantile(1-alpha/2) * se
	return g, g - half, g + half
}

// HedgesGPlugIn returns Hedges' g of b against a (see hedges) with the 1−alpha
// interval g ± z·√((n_a+n_b)/(n_a·n_b) + g²/(2(n_a+n_b))): the large-sample standard
// error of d with g put in for d and no J. It is a little wider than HedgesG's.
func HedgesGPlugIn(a, b Summary, alpha float64) (g, lo, hi float64) {
	g, _, _ = hedges(a, b)
	if math.IsNaN(g) {
		return g, g, g
	}
	na, nb := float64(a.N), float64(b.N)
	se := math.Sqrt((na+nb)/(na*nb) + g*g/(2*(na+nb)))
	z := distuv.UnitNormal.Quantile(1 - alpha/2)
	return g, g - z*se, g + z*se
}
