package stats

import (
	"math"
	"testing"
)

// Reference values in this file come from R 4.2.2, stats/testdata/trend.R, which
// prints each R call with its results.

// trendSeries are the hand-made series of trend.R with R's results.
var trendSeries = []struct {
	name                 string
	x, y                 []float64
	slope, lo, hi, slopP float64 // coef(lm(y ~ x))[2], confint(lm(y ~ x))[2, ], summary(lm(y ~ x))$coefficients[2, 4]
	theilSen             float64 // median of pairwise slopes
	tau, kendallP        float64 // cor.test(x, y, method = "kendall"): estimate, p.value
}{
	{
		name:  "DecliningOneInversionExact",
		x:     []float64{0, 1, 2, 3, 4, 5, 6, 7},
		y:     []float64{4.06, 3.98, 3.72, 3.75, 3.26, 3.21, 3.01, 2.80},
		slope: -0.18678571428571403, lo: -0.22321440211624585, hi: -0.1503570264551822, slopP: 1.5686531384232445e-05,
		theilSen: -0.18825000000000003,
		tau:      -0.9285714285714286, kendallP: 0.00039682539682539683,
	},
	{
		name:  "StepWithGapsExact",
		x:     []float64{0, 1, 2, 4, 5, 7},
		y:     []float64{3.2, 3.25, 3.1, 3.9, 3.8, 3.95},
		slope: 0.13110047846889941, lo: 0.037120790401625262, hi: 0.22508016653617358, slopP: 0.017946044535070049,
		theilSen: 0.1166666666666667,
		tau:      0.59999999999999998, kendallP: 0.13611111111111107,
	},
	{
		name:  "TiesInYNormalApproximation",
		x:     []float64{0, 1, 2, 3, 4, 5},
		y:     []float64{3.2, 3.4, 3.4, 3.6, 3.5, 3.6},
		slope: 0.071428571428571244, lo: 0.018214400076981573, hi: 0.12464274278016091, slopP: 0.020353878445704826,
		theilSen: 0.074999999999999956,
		tau:      0.78772636144337616, kendallP: 0.032066526791048121,
	},
	{
		name:  "TiesInXAndYNormalApproximation",
		x:     []float64{1, 1, 2, 3, 3, 4},
		y:     []float64{2, 3, 3, 5, 4, 6},
		slope: 1.1363636363636362, lo: 0.53773475016926153, hi: 1.734992522558011, slopP: 0.0062101924385629999,
		theilSen: 1,
		tau:      0.8894991799933214, kendallP: 0.017411131570499814,
	},
	{
		name:  "ThreePoints",
		x:     []float64{0, 1, 2},
		y:     []float64{3.5, 3.1, 3.6},
		slope: 0.049999999999999677, lo: -3.2511688261640335, hi: 3.3511688261640331, slopP: 0.87896228167632418,
		theilSen: 0.050000000000000044,
		tau:      0.33333333333333337, kendallP: 1,
	},
}

func TestTrendStatisticsAgreeWithR(t *testing.T) {
	for _, tc := range trendSeries {
		t.Run(tc.name, func(t *testing.T) {
			slope, lo, hi, p := OLSSlope(tc.x, tc.y)
			checkNear(t, "slope", slope, tc.slope)
			checkNear(t, "slope CI low", lo, tc.lo)
			checkNear(t, "slope CI high", hi, tc.hi)
			checkNear(t, "slope p", p, tc.slopP)
			checkNear(t, "Theil–Sen", TheilSen(tc.x, tc.y), tc.theilSen)
			tau, kp := Kendall(tc.x, tc.y)
			checkNear(t, "Kendall tau", tau, tc.tau)
			checkNear(t, "Kendall p", kp, tc.kendallP)
		})
	}
	t.Run("KendallLongSeriesNormalApproximation", func(t *testing.T) {
		x, y := make([]float64, 60), make([]float64, 60)
		for i := range x {
			x[i] = float64(i)
			y[i] = math.Sin(x[i]) + x[i]/30
		}
		tau, p := Kendall(x, y)
		// R: x <- 0:59; y <- sin(x) + x / 30; cor.test(x, y, method = "kendall")
		checkNear(t, "tau", tau, 0.42937853107344631)
		checkNear(t, "p", p, 1.2520020878547402e-06)
	})
}

func TestTrendStatisticsUndefined(t *testing.T) {
	cases := []struct {
		name string
		x, y []float64
	}{
		{"NoPoints", nil, nil},
		{"OnePoint", []float64{0}, []float64{3}},
		{"ConstantY", []float64{0, 1, 2, 3}, []float64{3, 3, 3, 3}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tau, p := Kendall(tc.x, tc.y); !math.IsNaN(tau) || !math.IsNaN(p) {
				t.Errorf("Kendall = %v, %v; want NaN (R: NA)", tau, p)
			}
		})
	}
	t.Run("TwoPointsSlopeWithoutCI", func(t *testing.T) {
		slope, lo, hi, p := OLSSlope([]float64{0, 2}, []float64{3, 4})
		if slope != 0.5 || !math.IsNaN(lo) || !math.IsNaN(hi) || !math.IsNaN(p) {
			t.Errorf("OLSSlope = %v [%v, %v] p %v; want 0.5 and NaN CI and p (R: confint gives NaN)", slope, lo, hi, p)
		}
	})
}
