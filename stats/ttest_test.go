package stats

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat"
)

// Reference values: stats/testdata/compare.R (R 4.2.2), whose printed labels the
// comments quote.

func TestPairedTAndCohenDz(t *testing.T) {
	d := diffs(tiesBefore, tiesAfter)
	est, se, df := PairedT(d)
	r := TTestOf(est, se, df, 0.05, 0.8)
	dz, lo, hi := CohenDz(d, 0.05)
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"estimate", est, 0.41666666666666669},   // t.test(ta, tb, paired = TRUE)$estimate
		{"df", df, 11},                           // $parameter
		{"t", r.T, 4.6904157598234297},           // $statistic
		{"p", r.P, 0.00066031352467119835},       // $p.value
		{"CI low", r.Low, 0.22114516132516446},   // $conf.int[1]
		{"CI high", r.High, 0.61218817200816888}, // $conf.int[2]
		{"MDC", r.MDC, 0.27329801305657037},      // "ties: mdc": (qt(.975, n−1) + qt(.8, n−1))·sd(d)/√n
		{"d_z", dz, 1.35400640077266},            // "ties: d_z, ci": mean(d)/sd(d)
		{"d_z CI low", lo, 0.57070164563809389},  // dz − qnorm(.975)·√(1/n + dz²/2n)
		{"d_z CI high", hi, 2.1373111559072262},  // dz + qnorm(.975)·√(1/n + dz²/2n)
	} {
		checkNear(t, c.name, c.got, c.want)
	}
}

func TestWelchTTestAndHedgesGPlugIn(t *testing.T) {
	before, after := SummaryOf(welchBefore), SummaryOf(welchAfter)
	se, df := WelchSE(before, after)
	r := TTestOf(after.Mean-before.Mean, se, df, 0.05, 0.8)
	g, lo, hi := HedgesGPlugIn(before, after, 0.05)
	tt, df2, p := Welch(before, after)
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"df", df, 12.723081499720086},         // t.test(ux, uy)$parameter ("welch: t, df, p")
		{"t", r.T, 2.3240351620974047},         // $statistic
		{"p", r.P, 0.03736487347513838},        // $p.value
		{"CI low", r.Low, 0.04791482544873131}, // $conf.int ("welch: conf.int")
		{"CI high", r.High, 1.353870888836983}, //
		{"MDC", r.MDC, 0.91559543069075444},    // "welch: mdc": (qt(.975, df) + qt(.8, df))·√(var(ux)/n1 + var(uy)/n2)
		{"Welch t", tt, 2.3240351620974047},    // the same test from the summaries
		{"Welch df", df2, 12.723081499720086},  //
		{"Welch p", p, 0.03736487347513838},    //
		{"g", g, 1.109039639537299},            // "hedges g, ci": pooled-SD d · (1 − 3/(4(n1+n2) − 9))
		{"g CI low", lo, 0.01979310349688479},  // g ∓ qnorm(.975)·√((n1+n2)/(n1·n2) + g²/(2(n1+n2)))
		{"g CI high", hi, 2.1982861755777132},  //
	} {
		checkNear(t, c.name, c.got, c.want)
	}
}

// TestWelchSEOfContrast: the standard error and df of a sum of means of independent
// samples, as compare.R's differences in differences compute them.
func TestWelchSEOfContrast(t *testing.T) {
	t.Run("TwoSamples", func(t *testing.T) {
		dt, du := SummaryOf([]float64{0.5, 0.75, 0.25, 1, 0.5, 0.25, 0.75}), SummaryOf([]float64{0, 0.25, -0.25, 0.5, 0, 0.25})
		se, df := WelchSE(dt, du)
		r := TTestOf(dt.Mean-du.Mean, se, df, 0.05, 0.8)
		checkNear(t, "estimate", dt.Mean-du.Mean, 0.4464285714285714) // "paired did: est": t.test(dt, du)
		checkNear(t, "t", r.T, 2.9753472432861194)                    // "paired did: t, df, p"
		checkNear(t, "df", df, 10.870132589109458)
		checkNear(t, "p", r.P, 0.012775975130618494)
		checkNear(t, "CI low", r.Low, 0.1157052232633612) // "paired did: conf.int"
		checkNear(t, "CI high", r.High, 0.7771519195937816)
	})
	t.Run("FourSamples", func(t *testing.T) {
		ta := SummaryOf([]float64{3.75, 4, 3.5, 3.25, 4.25, 3.5, 3.75})
		tb := SummaryOf([]float64{3, 3.25, 2.75, 3.5, 3, 2.5})
		ua := SummaryOf([]float64{3.5, 3, 3.25, 3.5, 3.25, 2.75})
		ub := SummaryOf([]float64{3.25, 3, 3.5, 2.75, 3})
		est := ta.Mean - tb.Mean - ua.Mean + ub.Mean
		se, df := WelchSE(ta, tb, ua, ub)
		r := TTestOf(est, se, df, 0.05, 0.8)
		// "unpaired did: est, t, df, p": se = √Σ var/n, Welch–Satterthwaite df
		checkNear(t, "estimate", est, 0.60595238095238102)
		checkNear(t, "t", r.T, 2.3327281525902515)
		checkNear(t, "df", df, 19.222336066981303)
		checkNear(t, "p", r.P, 0.030673191200992832)
		checkNear(t, "CI low", r.Low, 0.062691151579805648) // "unpaired did: ci"
		checkNear(t, "CI high", r.High, 1.1492136103249564)
	})
}

func TestTTestsUndefined(t *testing.T) {
	one, flat := SummaryOf([]float64{3}), SummaryOf([]float64{2, 2, 2})
	for name, pair := range map[string][2]Summary{"OneValue": {one, flat}, "NoSpread": {flat, flat}} {
		if se, df := WelchSE(pair[0], pair[1]); !math.IsNaN(se) || !math.IsNaN(df) {
			t.Errorf("%s: WelchSE = %v, %v; want NaN (R: not enough observations, or constant data)", name, se, df)
		}
		if g, lo, hi := HedgesGPlugIn(pair[0], pair[1], 0.05); !math.IsNaN(g) || !math.IsNaN(lo) || !math.IsNaN(hi) {
			t.Errorf("%s: HedgesGPlugIn = %v [%v, %v], want NaN", name, g, lo, hi)
		}
	}
	if r := TTestOf(1, 0, 5, 0.05, 0.8); !math.IsNaN(r.T) || !math.IsNaN(r.P) || !math.IsNaN(r.Low) || !math.IsNaN(r.MDC) {
		t.Errorf("TTestOf without a standard error = %+v, want NaN", r)
	}
	if dz, _, _ := CohenDz([]float64{0.5, 0.5, 0.5}, 0.05); !math.IsNaN(dz) {
		t.Errorf("CohenDz of constant differences = %v, want NaN", dz)
	}
}

func TestMeanCI(t *testing.T) {
	for _, c := range []struct {
		x        []float64
		lo, high float64
	}{
		// R 4.2: t.test(c(3.25, 4, 2.5, 5, 4.75, 3))$conf.int
		{[]float64{3.25, 4, 2.5, 5, 4.75, 3}, 2.7005643601040163, 4.7994356398959850},
		// R 4.2: t.test(c(4, 4.5, 3, 5, 5, 3.5))$conf.int
		{[]float64{4, 4.5, 3, 5, 5, 3.5}, 3.3098060547878960, 5.0235272785454379},
	} {
		lo, hi := MeanCI(c.x)
		if !near(lo, c.lo, 1e-12) || !near(hi, c.high, 1e-12) {
			t.Errorf("MeanCI(%v) = %v, %v; R %v, %v", c.x, lo, hi, c.lo, c.high)
		}
		// The table of quantiles made for this size gives the same interval.
		m, sd := Mean(c.x), math.Sqrt(Variance(c.x))
		if tlo, thi := NewTQuantiles([]int32{int32(len(c.x))}).MeanCI(m, sd, len(c.x)); tlo != lo || thi != hi {
			t.Errorf("TQuantiles.MeanCI = %v, %v; MeanCI %v, %v", tlo, thi, lo, hi)
		}
	}
	if lo, hi := MeanCI([]float64{3}); !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Errorf("MeanCI of one value = %v, %v; want NaN (R: not enough observations)", lo, hi)
	}
}

// Reference values of TestWelchAndHedgesAgreeWithR: stats/testdata/trend.R.

// summarize describes a sample as a published group's scores do: n, mean, SD (n−1).
func summarize(v []float64) Summary {
	m, sd := stat.MeanStdDev(v, nil)
	return SummaryFromSD(len(v), m, sd)
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
			tt, df, p := Welch(a, b)
			checkNear(t, "t", tt, tc.t)
			checkNear(t, "df", df, tc.df)
			checkNear(t, "p", p, tc.p)
			g, lo, hi := HedgesG(a, b, 0.05)
			checkNear(t, "g", g, tc.g)
			checkNear(t, "g CI low", lo, tc.gLow)
			checkNear(t, "g CI high", hi, tc.gHigh)
		})
	}
	t.Run("NoSpreadIsUndefined", func(t *testing.T) {
		flat := SummaryFromSD(5, 3, 0)
		if tt, _, p := Welch(flat, flat); !math.IsNaN(tt) || !math.IsNaN(p) {
			t.Errorf("Welch of constant groups = %v, p %v; want NaN (R: data are essentially constant)", tt, p)
		}
		if g, _, _ := HedgesG(flat, flat, 0.05); !math.IsNaN(g) {
			t.Errorf("HedgesG of constant groups = %v, want NaN", g)
		}
	})
}
