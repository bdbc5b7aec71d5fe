package analysis

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// tQuantile returns the p quantile of Student's t distribution with df degrees of
// freedom (R's qt(p, df)), df not necessarily an integer (Welch's df).
//
// A run computes one for every gap and comparison, hundreds of thousands on a large
// file, and gonum's Quantile (an inverse incomplete beta) costs about 10 µs at a
// fractional df. So for df ≥ 4 it starts from the Cornish–Fisher expansion
// (Abramowitz and Stegun 26.7.5, within 1e-4 there) and takes Halley steps on the
// tail probability, each one an incomplete beta (about 1 µs), until a step is below
// 1e-6 of the value: the error after it is of the order of its cube. That is one or
// two steps. Smaller df, a p in the far tails, or steps that do not settle go to gonum.
func tQuantile(p, df float64) float64 {
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
