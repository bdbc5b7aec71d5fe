package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// TQuantile returns the p quantile of Student's t distribution with df degrees of
// freedom (R's qt(p, df)), df not necessarily an integer (Welch's df).
//
// A run computes one for every gap and comparison, hundreds of thousands on a large
// file, and gonum's Quantile (an inverse incomplete beta) costs about 10 µs at a
// fractional df. So for df ≥ 4 it starts from the Cornish–Fisher expansion
// (Abramowitz and Stegun 26.7.5, within 1e-4 there) and takes Halley steps on the
// tail probability, each one an incomplete beta (about 1 µs), until a step is below
// 1e-6 of the value: the error after it is of the order of its cube. That is one or
// two steps. Smaller df, a p in the far tails, or steps that do not settle go to gonum.
func TQuantile(p, df float64) float64 {
	if !(df >= 4) || !(p > 1e-6 && p < 1-1e-6) || math.IsInf(df, 1) {
		return gonumTQuantile(p, df)
	}
	if p == 0.5 {
		return 0
	}
	// Solve for the upper tail: t > 0 with P(T > t) = q.
	q, sign := 1-p, 1.0
	if p < 0.5 {
		q, sign = p, -1
	}
	dist := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}
	a, _ := math.Lgamma((df + 1) / 2)
	b, _ := math.Lgamma(df / 2)
	lnC := a - b - 0.5*math.Log(df*math.Pi) // the log of the density's constant
	t := cornishFisherT(distuv.UnitNormal.Quantile(1-q), df)
	for range 6 {
		f := math.Exp(lnC - (df+1)/2*math.Log1p(t*t/df))
		r := (dist.Survival(t) - q) / f // the Newton step
		// Halley's step: Newton's corrected by the density's slope, f'/f = -(df+1)t/(df+t²).
		step := r / (1 - r*(df+1)*t/(2*(df+t*t)))
		t += step
		// The error after a Halley step is of the order of the step cubed.
		if math.Abs(step) <= 1e-6*t {
			return sign * t
		}
	}
	return gonumTQuantile(p, df)
}

func gonumTQuantile(p, df float64) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(p)
}

// cornishFisherT expands Student's t quantile in powers of 1/df around the normal
// quantile z (Abramowitz and Stegun 26.7.5).
func cornishFisherT(z, df float64) float64 {
	z2 := z * z
	g1 := z * (z2 + 1) / 4
	g2 := z * ((5*z2+16)*z2 + 3) / 96
	g3 := z * (((3*z2+19)*z2+17)*z2 - 15) / 384
	g4 := z * ((((79*z2+776)*z2+1482)*z2-1920)*z2 - 945) / 92160
	return z + (g1+(g2+(g3+g4/df)/df)/df)/df
}

// TQuantiles holds 0.975 quantiles of Student's t by whole degrees of freedom, for the
// 95% confidence intervals of many means: each is gonum's inverse incomplete beta
// (about 10 µs; samples of equal size are common), computed once by NewTQuantiles and
// read-only after, so that intervals can be computed concurrently. The zero value
// holds none and computes every quantile afresh.
type TQuantiles struct {
	small []float64       // by df below tSmall; 0 when not needed
	large map[int]float64 // larger df
}

const tSmall = 1 << 14

// NewTQuantiles returns the quantiles for samples of the sizes n (n − 1 df each).
func NewTQuantiles(n []int32) TQuantiles {
	tq := TQuantiles{large: map[int]float64{}}
	most := 0
	for _, c := range n {
		most = max(most, int(c))
	}
	tq.small = make([]float64, min(most, tSmall))
	for _, c := range n {
		df := int(c) - 1
		switch {
		case df < 1:
		case df < len(tq.small):
			if tq.small[df] == 0 {
				tq.small[df] = tQuantile975(df)
			}
		default:
			if _, ok := tq.large[df]; !ok {
				tq.large[df] = tQuantile975(df)
			}
		}
	}
	return tq
}

// tQuantile975 is qt(0.975, df) by gonum's inverse incomplete beta.
func tQuantile975(df int) float64 { return gonumTQuantile(0.975, float64(df)) }

// Q975 returns the 0.975 quantile of t with df degrees of freedom.
func (tq TQuantiles) Q975(df int) float64 {
	if df < len(tq.small) && tq.small[df] != 0 {
		return tq.small[df]
	}
	if q, ok := tq.large[df]; ok {
		return q
	}
	return tQuantile975(df)
}

// MeanCI returns the 95% confidence interval of a mean from the sample's mean, standard
// deviation and size, t with n−1 df: R's t.test(x)$conf.int. It is NaN for n < 2.
func (tq TQuantiles) MeanCI(mean, sd float64, n int) (lo, hi float64) {
	if n < 2 {
		return math.NaN(), math.NaN()
	}
	half := tq.Q975(n-1) * sd / math.Sqrt(float64(n))
	return mean - half, mean + half
}
