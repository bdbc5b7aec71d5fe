package stats

import (
	"math"
	"testing"
)

// Reference values: stats/testdata/compare.R (R 4.2.2).

func diffs(before, after []float64) []float64 {
	d := make([]float64, len(before))
	for i := range d {
		d[i] = after[i] - before[i]
	}
	return d
}

var (
	tiesBefore  = []float64{3.25, 3.5, 2.75, 3, 4, 3.25, 2.5, 3.75, 3, 3.5, 2.25, 3}
	tiesAfter   = []float64{3.75, 4, 3.25, 3, 4.25, 4, 3, 4, 3.5, 3.25, 3, 3.75}
	exactBefore = []float64{2.1, 3.4, 2.8, 3.9, 3.0, 2.5, 3.3, 2.7, 3.6, 3.1}
	exactAfter  = []float64{2.4, 3.3, 3.35, 4.7, 3.25, 2.05, 4.2, 2.85, 4.8, 3.75}
	welchAfter  = []float64{3, 4, 4, 5, 3.5, 4.25, 3, 4}
	welchBefore = []float64{2.5, 3, 3.5, 3, 4, 2.75, 3.25}
)

func TestSignedRank(t *testing.T) {
	large := make([]float64, 60)
	for i := range large {
		k := float64(i + 1)
		large[i] = math.Mod(k*37, 61) / 10
		if (i+1)%3 == 0 {
			large[i] = -large[i]
		}
	}
	cases := []struct {
		name  string
		d     []float64
		stat  float64
		p     float64
		exact bool
		n     int
	}{
		// R: wilcox.test(ta, tb, paired = TRUE) — ties and a zero: normal approximation, zero dropped
		{"TiesAndZeroUseNormalApproximation", diffs(tiesBefore, tiesAfter), 64, 0.0059578464526107034, false, 11},
		// R: wilcox.test(ea, eb, paired = TRUE)
		{"NoTiesIsExact", diffs(exactBefore, exactAfter), 49, 0.02734375, true, 10},
		// R: wilcox.test(eb, ea, paired = TRUE)
		{"ExactLowerTail", diffs(exactAfter, exactBefore), 6, 0.02734375, true, 10},
		// R: wilcox.test(ld), n = 60
		{"FiftyOrMoreUseNormalApproximation", large, 1212, 0.02905678322790221, false, 60},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := SignedRank(tc.d)
			checkNear(t, "V", r.Statistic, tc.stat)
			checkNear(t, "p", r.P, tc.p)
			if r.Exact != tc.exact || r.N != tc.n {
				t.Errorf("exact %v n %d, want %v %d", r.Exact, r.N, tc.exact, tc.n)
			}
		})
	}
	t.Run("AllZeroHasNoP", func(t *testing.T) {
		if r := SignedRank([]float64{0, 0, 0}); !math.IsNaN(r.P) || r.N != 0 {
			t.Errorf("got %+v", r)
		}
	})
}

func TestRankSum(t *testing.T) {
	cases := []struct {
		name  string
		x, y  []float64
		stat  float64
		p     float64
		exact bool
	}{
		// R: wilcox.test(ux, uy) — ties: normal approximation with tie correction
		{"TiesUseNormalApproximation", welchAfter, welchBefore, 45, 0.051613112699806438, false},
		// R: wilcox.test(mx, my)
		{"NoTiesIsExact", []float64{1.1, 2.3, 3.7, 4.2, 5.9}, []float64{0.8, 1.9, 2.2, 3.1, 6.4, 0.5}, 21, 0.32900432900432897, true},
		// R: wilcox.test(my, mx)
		{"ExactLowerTail", []float64{0.8, 1.9, 2.2, 3.1, 6.4, 0.5}, []float64{1.1, 2.3, 3.7, 4.2, 5.9}, 9, 0.32900432900432897, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := RankSum(tc.x, tc.y)
			checkNear(t, "W", r.Statistic, tc.stat)
			checkNear(t, "p", r.P, tc.p)
			if r.Exact != tc.exact {
				t.Errorf("exact %v, want %v", r.Exact, tc.exact)
			}
		})
	}
	t.Run("EmptySampleHasNoP", func(t *testing.T) {
		if r := RankSum(nil, []float64{1, 2}); !math.IsNaN(r.P) {
			t.Errorf("got %+v", r)
		}
	})
}

// TestExactDistributionsSumToTotal: the exact null counts are complete distributions.
func TestExactDistributionsSumToTotal(t *testing.T) {
	sum := func(c []float64) float64 {
		s := 0.0
		for _, v := range c {
			s += v
		}
		return s
	}
	if got := sum(signedRankCounts(12)); got != 4096 {
		t.Errorf("signed-rank n=12 counts sum to %v, want 2^12", got)
	}
	if got := sum(rankSumCounts(5, 6)); got != 462 {
		t.Errorf("rank-sum 5,6 counts sum to %v, want choose(11, 5)", got)
	}
}
