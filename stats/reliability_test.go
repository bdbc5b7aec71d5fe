package stats

import (
	"math"
	"testing"
)

// reliabilityCase is one sample of reliability_reference_test.go, which
// testdata/reliability.R generates with psych::alpha and psych::omega.
type reliabilityCase struct {
	name                      string
	n, m                      int       // responses and items
	cov                       []float64 // m×m reverse-keyed pairwise covariance matrix
	alpha, stdAlpha, averageR float64
	ciLow, ciHigh             float64
	rDrop, alphaDrop          []float64 // per item
	omega                     float64
}

// TestReliabilityMatchesPsych: from the covariance matrix, alpha raw and standardized,
// average r, the Feldt CI, r.drop and alpha if dropped agree with psych::alpha to 1e-9,
// and omega total with psych::omega to 1e-6 (psych::fa's optimiser stops short of the
// minimum that OmegaTotal iterates to; 1e-6 is DESIGN's agreement).
func TestReliabilityMatchesPsych(t *testing.T) {
	for _, c := range reliabilityReference {
		t.Run(c.name, func(t *testing.T) {
			alpha := CronbachAlpha(c.cov, c.m, -1)
			checkNear(t, "alpha", alpha, c.alpha)
			r := Cov2Cor(c.cov, c.m)
			std, avg := StdAlpha(r, c.m)
			checkNear(t, "std alpha", std, c.stdAlpha)
			checkNear(t, "average r", avg, c.averageR)
			lo, hi := AlphaCI(alpha, c.n, c.m)
			checkNear(t, "Feldt low", lo, c.ciLow)
			checkNear(t, "Feldt high", hi, c.ciHigh)
			for a := range c.m {
				checkNear(t, "r.drop", RDrop(c.cov, c.m, a), c.rDrop[a])
				checkNear(t, "alpha if dropped", CronbachAlpha(c.cov, c.m, a), c.alphaDrop[a])
			}
			omega, ok := OmegaTotal(r, c.m)
			if !ok || !near(omega, c.omega, 1e-6) {
				t.Errorf("omega total = %.17g (fitted %v), want %.17g (psych)", omega, ok, c.omega)
			}
		})
	}
}

func TestReliabilityUndefined(t *testing.T) {
	if lo, hi := AlphaCI(0.8, 1, 4); !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Errorf("AlphaCI of one response = %v, %v; want NaN", lo, hi)
	}
	// No one-factor model fits these correlations: λ₁² = r₁₂·r₁₃/r₂₃ = 8.1 (a Heywood case).
	heywood := []float64{
		1, 0.9, 0.9,
		0.9, 1, 0.1,
		0.9, 0.1, 1,
	}
	if omega, ok := OmegaTotal(heywood, 3); ok || !math.IsNaN(omega) {
		t.Errorf("OmegaTotal of a Heywood case = %v, fitted %v; want NaN, not fitted", omega, ok)
	}
}
