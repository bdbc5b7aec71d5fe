package analysis

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat"
)

// Reference values in this file come from R 4.2.2, analysis/testdata/trend.R, which
// prints each R call with its results.

const tol = 1e-9

func checkNear(t *testing.T, name string, got, want float64) {
	t.Helper()
	if !near(got, want, tol) {
		t.Errorf("%s = %.17g, want %.17g (R)", name, got, want)
	}
}

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
			slope, lo, hi, p := olsSlope(tc.x, tc.y)
			checkNear(t, "slope", slope, tc.slope)
			checkNear(t, "slope CI low", lo, tc.lo)
			checkNear(t, "slope CI high", hi, tc.hi)
			checkNear(t, "slope p", p, tc.slopP)
			checkNear(t, "Theil–Sen", theilSen(tc.x, tc.y), tc.theilSen)
			tau, kp := kendall(tc.x, tc.y)
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
		tau, p := kendall(x, y)
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
			if tau, p := kendall(tc.x, tc.y); !math.IsNaN(tau) || !math.IsNaN(p) {
				t.Errorf("kendall = %v, %v; want NaN (R: NA)", tau, p)
			}
		})
	}
	t.Run("TwoPointsSlopeWithoutCI", func(t *testing.T) {
		slope, lo, hi, p := olsSlope([]float64{0, 2}, []float64{3, 4})
		if slope != 0.5 || !math.IsNaN(lo) || !math.IsNaN(hi) || !math.IsNaN(p) {
			t.Errorf("olsSlope = %v [%v, %v] p %v; want 0.5 and NaN CI and p (R: confint gives NaN)", slope, lo, hi, p)
		}
	})
}

// summarize describes a sample as the Result does: n, mean, SD (n−1).
func summarize(v []float64) groupSummary {
	m, sd := stat.MeanStdDev(v, nil)
	return groupSummary{n: len(v), mean: m, sd: sd}
}

func TestWelchAndHedgesAgreeWithR(t *testing.T) {
	cases := []struct {
		name           string
		a, b           []float64 // respondent scores of the earlier and the later wave
		t, df, p       float64   // t.test(b, a): statistic, parameter, p.value
		g, gLow, gHigh float64   // J*d ± qnorm(0.975)*J*sqrt((na+nb)/(na*nb) + d^2/(2*(na+nb)))
	}{
		{
			name: "RiseSimilarSpread",
			a:    []float64{3, 3.25, 3.5, 2.75, 4, 3.5, 3, 3.75, 2.5, 3.25},
			b:    []float64{3.75, 4, 3.5, 4.25, 3, 4.5, 3.75, 4, 3.25},
			t:    2.463174149498224, df: 16.618453865336662, p: 0.025015432713438753,
			g: 1.0834878445284888, gLow: 0.15685341805307451, gHigh: 2.0101222710039028,
		},
		{
			name: "DropUnequalSizeAndSpread",
			a:    []float64{4, 4.5, 3.75, 4.25, 5, 3.5, 4, 4.75, 4.25, 3.25, 4.5, 4},
			b:    []float64{2.5, 4.75, 3, 1.75, 4},
			t:    -1.7125857883714113, df: 4.6126563921921235, p: 0.15236763448309346,
			g: -1.193822224303914, gLow: -2.2622638460445352, gHigh: -0.12538060256329286,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, b := summarize(tc.a), summarize(tc.b)
			tt, df, p := welch(a, b)
			checkNear(t, "t", tt, tc.t)
			checkNear(t, "df", df, tc.df)
			checkNear(t, "p", p, tc.p)
			g, lo, hi := hedgesG(a, b)
			checkNear(t, "g", g, tc.g)
			checkNear(t, "g CI low", lo, tc.gLow)
			checkNear(t, "g CI high", hi, tc.gHigh)
		})
	}
	t.Run("NoSpreadIsUndefined", func(t *testing.T) {
		flat := groupSummary{n: 5, mean: 3, sd: 0}
		if tt, _, p := welch(flat, flat); !math.IsNaN(tt) || !math.IsNaN(p) {
			t.Errorf("welch of constant groups = %v, p %v; want NaN (R: data are essentially constant)", tt, p)
		}
		if g, _, _ := hedgesG(flat, flat); !math.IsNaN(g) {
			t.Errorf("hedgesG of constant groups = %v, want NaN", g)
		}
	})
}

func TestAdjustPAgreesWithR(t *testing.T) {
	p := []float64{0.01, 0.04, 0.03, 0.005, 0.2, 0.04, math.NaN()}
	cases := []struct {
		method Adjustment
		want   []float64
	}{
		// R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04, NA), "BH")
		{AdjustBH, []float64{0.03, 0.048, 0.048, 0.03, 0.2, 0.048, math.NaN()}},
		// R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04, NA), "holm")
		{AdjustHolm, []float64{0.05, 0.12, 0.12, 0.03, 0.2, 0.12, math.NaN()}},
		{AdjustNone, p},
	}
	for _, tc := range cases {
		t.Run(string(tc.method), func(t *testing.T) {
			got := adjustP(p, tc.method)
			for i := range got {
				checkNear(t, "adjusted p", got[i], tc.want[i])
			}
		})
	}
}

func TestParseAdjustment(t *testing.T) {
	for _, s := range []string{"BH", "holm", " none "} {
		if _, err := ParseAdjustment(s); err != nil {
			t.Errorf("ParseAdjustment(%q): %v", s, err)
		}
	}
	if _, err := ParseAdjustment("bonferroni"); err == nil {
		t.Error("ParseAdjustment(bonferroni) accepted an unknown method")
	}
}
