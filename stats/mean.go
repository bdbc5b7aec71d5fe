package stats

import (
	"math"

	"gonum.org/v1/gonum/stat"
)

// MeanCI returns the 95% confidence interval of the mean of x: R's t.test(x)$conf.int;
// NaN with fewer than two values.
func MeanCI(x []float64) (lo, hi float64) {
	return TQuantiles{}.MeanCI(Mean(x), math.Sqrt(Variance(x)), len(x))
}

// Mean returns the mean of x, NaN when x is empty (R's mean).
func Mean(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	return stat.Mean(x, nil)
}

// Variance returns the sample variance (n−1) of x, NaN with fewer than two values
// (R's var).
func Variance(x []float64) float64 {
	if len(x) < 2 {
		return math.NaN()
	}
	return stat.Variance(x, nil)
}
