package analysis

import (
	"math"
	"testing"
)

// Reference values: stats/testdata/compare.R (R 4.2.2).

var (
	tiesBefore  = []float64{3.25, 3.5, 2.75, 3, 4, 3.25, 2.5, 3.75, 3, 3.5, 2.25, 3}
	tiesAfter   = []float64{3.75, 4, 3.25, 3, 4.25, 4, 3, 4, 3.5, 3.25, 3, 3.75}
	welchAfter  = []float64{3, 4, 4, 5, 3.5, 4.25, 3, 4}
	welchBefore = []float64{2.5, 3, 3.5, 3, 4, 2.75, 3.25}
)

func TestPairedChange(t *testing.T) {
	c := PairedChange(tiesBefore, tiesAfter)
	checks := []struct {
		name      string
		got, want float64
	}{
		{"Diff", c.Diff, 0.41666666666666669},                // t.test(ta, tb, paired = TRUE)$estimate
		{"T", c.T, 4.6904157598234297},                       // $statistic
		{"DF", c.DF, 11},                                     // $parameter
		{"P", c.P, 0.00066031352467119835},                   // $p.value
		{"DiffCILow", c.DiffCILow, 0.22114516132516446},      // $conf.int[1]
		{"DiffCIHigh", c.DiffCIHigh, 0.61218817200816888},    // $conf.int[2]
		{"Effect", c.Effect, 1.35400640077266},               // mean(d)/sd(d)
		{"EffectCILow", c.EffectCILow, 0.57070164563809389},  // dz − qnorm(.975)·√(1/n + dz²/2n)
		{"EffectCIHigh", c.EffectCIHigh, 2.1373111559072262}, // dz + qnorm(.975)·√(1/n + dz²/2n)
		{"RankStat", c.Rank.Statistic, 64},                   // wilcox.test(ta, tb, paired = TRUE)$statistic
		{"RankP", c.Rank.P, 0.0059578464526107034},           // $p.value
		{"MDC", c.MDC, 0.27329801305657037},                  // (qt(.975, n−1) + qt(.8, n−1))·sd(d)/√n
		{"MeanBefore", c.MeanBefore, 3.1458333333333335},     // compare.R "ties: means": mean(tb)
		{"MeanAfter", c.MeanAfter, 3.5625},                   // mean(ta)
	}
	for _, ch := range checks {
		t.Run(ch.name, func(t *testing.T) { checkNear(t, ch.name, ch.got, ch.want) })
	}
	t.Run("BootstrapCIIsRepeatableAndNearT", func(t *testing.T) {
		again := PairedChange(tiesBefore, tiesAfter)
		if again.BootCILow != c.BootCILow || again.BootCIHigh != c.BootCIHigh {
			t.Errorf("bootstrap CI differs between runs: %v %v vs %v %v", c.BootCILow, c.BootCIHigh, again.BootCILow, again.BootCIHigh)
		}
		if !(c.BootCILow < c.Diff && c.Diff < c.BootCIHigh) || math.Abs(c.BootCILow-c.DiffCILow) > 0.1 || math.Abs(c.BootCIHigh-c.DiffCIHigh) > 0.1 {
			t.Errorf("bootstrap CI %v…%v far from the t CI %v…%v", c.BootCILow, c.BootCIHigh, c.DiffCILow, c.DiffCIHigh)
		}
	})
}

func TestUnpairedChange(t *testing.T) {
	c := UnpairedChange(welchBefore, welchAfter)
	checks := []struct {
		name      string
		got, want float64
	}{
		{"Diff", c.Diff, 0.70089285714285721},               // t.test(ux, uy): estimate[1] − estimate[2]
		{"T", c.T, 2.3240351620974047},                      // $statistic
		{"DF", c.DF, 12.723081499720086},                    // $parameter
		{"P", c.P, 0.03736487347513838},                     // $p.value
		{"DiffCILow", c.DiffCILow, 0.04791482544873131},     // $conf.int[1]
		{"DiffCIHigh", c.DiffCIHigh, 1.353870888836983},     // $conf.int[2]
		{"Effect", c.Effect, 1.109039639537299},             // pooled-SD d · (1 − 3/(4(n1+n2) − 9))
		{"EffectCILow", c.EffectCILow, 0.01979310349688479}, // g ∓ qnorm(.975)·√((n1+n2)/(n1·n2) + g²/(2(n1+n2)))
		{"EffectCIHigh", c.EffectCIHigh, 2.1982861755777132},
		{"RankStat", c.Rank.Statistic, 45},        // wilcox.test(ux, uy)$statistic
		{"RankP", c.Rank.P, 0.051613112699806438}, // $p.value
		{"MDC", c.MDC, 0.91559543069075444},       // (qt(.975, df) + qt(.8, df))·√(var(ux)/n1 + var(uy)/n2)
	}
	for _, ch := range checks {
		t.Run(ch.name, func(t *testing.T) { checkNear(t, ch.name, ch.got, ch.want) })
	}
	if !math.IsNaN(c.BootCILow) || c.NPairs != 0 || c.NBefore != 7 || c.NAfter != 8 {
		t.Errorf("unpaired change: boot %v, pairs %d, n %d/%d", c.BootCILow, c.NPairs, c.NBefore, c.NAfter)
	}
}

func TestDiD(t *testing.T) {
	t.Run("PairedIsWelchOnChanges", func(t *testing.T) {
		d := PairedDiD([]float64{0.5, 0.75, 0.25, 1, 0.5, 0.25, 0.75}, []float64{0, 0.25, -0.25, 0.5, 0, 0.25})
		checkNear(t, "Estimate", d.Estimate, 0.4464285714285714) // t.test(dt, du): estimate[1] − estimate[2]
		checkNear(t, "T", d.T, 2.9753472432861194)               // $statistic
		checkNear(t, "DF", d.DF, 10.870132589109458)             // $parameter
		checkNear(t, "P", d.P, 0.012775975130618494)             // $p.value
		checkNear(t, "CILow", d.CILow, 0.1157052232633612)       // $conf.int
		checkNear(t, "CIHigh", d.CIHigh, 0.7771519195937816)
	})
	t.Run("UnpairedFourSamples", func(t *testing.T) {
		d := UnpairedDiD(
			[]float64{3, 3.25, 2.75, 3.5, 3, 2.5}, []float64{3.75, 4, 3.5, 3.25, 4.25, 3.5, 3.75},
			[]float64{3.25, 3, 3.5, 2.75, 3}, []float64{3.5, 3, 3.25, 3.5, 3.25, 2.75})
		// compare.R "unpaired did": Σ s²/n standard error, Welch–Satterthwaite df
		checkNear(t, "Estimate", d.Estimate, 0.60595238095238102)
		checkNear(t, "T", d.T, 2.3327281525902515)
		checkNear(t, "DF", d.DF, 19.222336066981303)
		checkNear(t, "P", d.P, 0.030673191200992832)
		checkNear(t, "CILow", d.CILow, 0.062691151579805648)
		checkNear(t, "CIHigh", d.CIHigh, 1.1492136103249564)
	})
}

func TestQuantile7(t *testing.T) {
	s := []float64{-0.1, 0.05, 0.25, 0.3, 0.6, 0.8, 1.2}
	// R: quantile(c(0.3, -0.1, 0.25, 0.8, 1.2, 0.05, 0.6), c(0.025, 0.975))
	checkNear(t, "q025", quantile7(s, 0.025), -0.077500000000000027)
	checkNear(t, "q975", quantile7(s, 0.975), 1.1399999999999999)
}

func TestVerdict(t *testing.T) {
	cases := []struct {
		name string
		c    Change
		want Verdict
	}{
		{"CIAboveZeroIsImproved", Change{Diff: 0.5, DiffCILow: 0.2, DiffCIHigh: 0.8, P: 0.001, PHolm: 0.004}, VerdictImproved},
		{"CIBelowZeroIsDeclined", Change{Diff: -0.5, DiffCILow: -0.8, DiffCIHigh: -0.2, P: 0.001, PHolm: 0.004}, VerdictDeclined},
		{"CIWithZeroIsNoClearChange", Change{Diff: 0.1, DiffCILow: -0.1, DiffCIHigh: 0.3, P: 0.3, PHolm: 0.9}, VerdictNoClearChange},
		{"HolmAboveAlphaIsNotClear", Change{Diff: 0.3, DiffCILow: 0.01, DiffCIHigh: 0.6, P: 0.04, PHolm: 0.16}, VerdictNotAfterHolm},
		{"NoVariationIsNotTestable", Change{Diff: 0, DiffCILow: math.NaN(), DiffCIHigh: math.NaN(), P: math.NaN()}, VerdictNotTestable},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.c.verdict(); got != tc.want {
				t.Errorf("verdict %q, want %q", got, tc.want)
			}
		})
	}
}

// TestChangeSideCIs: each side's mean carries its own t interval, in both designs.
func TestChangeSideCIs(t *testing.T) {
	before := []float64{3.25, 4, 2.5, 5, 4.75, 3}
	after := []float64{4, 4.5, 3, 5, 5, 3.5}
	// R 4.2: t.test(c(3.25, 4, 2.5, 5, 4.75, 3))$conf.int
	wantBefore := [2]float64{2.7005643601040163, 4.7994356398959850}
	// R 4.2: t.test(c(4, 4.5, 3, 5, 5, 3.5))$conf.int
	wantAfter := [2]float64{3.3098060547878960, 5.0235272785454379}
	for name, c := range map[string]Change{"Paired": PairedChange(before, after), "Unpaired": UnpairedChange(before, after)} {
		got := [4]float64{c.BeforeCILow, c.BeforeCIHigh, c.AfterCILow, c.AfterCIHigh}
		want := [4]float64{wantBefore[0], wantBefore[1], wantAfter[0], wantAfter[1]}
		for i := range got {
			if !near(got[i], want[i], 1e-12) {
				t.Errorf("%s: side CIs %v, R %v", name, got, want)
				break
			}
		}
	}
}
