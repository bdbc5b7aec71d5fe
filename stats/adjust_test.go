package stats

import (
	"math"
	"testing"
)

// Reference values: stats/testdata/trend.R and compare.R ("holm", "BH"), R 4.2.2.
func TestAdjustPAgreesWithR(t *testing.T) {
	nan := math.NaN()
	p := []float64{0.01, 0.04, 0.03, 0.005, 0.2, 0.04, nan}
	q := []float64{0.01, 0.04, 0.03, 0.005, nan, 0.04, 0.5}
	cases := []struct {
		name   string
		p      []float64
		method Adjustment
		want   []float64
	}{
		// R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04, NA), "BH")
		{"BH", p, AdjustBH, []float64{0.03, 0.048, 0.048, 0.03, 0.2, 0.048, nan}},
		// R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04, NA), "holm")
		{"Holm", p, AdjustHolm, []float64{0.05, 0.12, 0.12, 0.03, 0.2, 0.12, nan}},
		{"None", p, AdjustNone, p},
		// R: p.adjust(c(0.01, 0.04, 0.03, 0.005, NA, 0.04, 0.5), "BH")
		{"BHNaNInside", q, AdjustBH, []float64{0.03, 0.048, 0.048, 0.03, nan, 0.048, 0.5}},
		// R: p.adjust(c(0.01, 0.04, 0.03, 0.005, NA, 0.04, 0.5), "holm")
		{"HolmNaNInside", q, AdjustHolm, []float64{0.05, 0.12, 0.12, 0.03, nan, 0.12, 0.5}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := AdjustP(tc.p, tc.method)
			if len(got) != len(tc.want) {
				t.Fatalf("%d p-values, want %d", len(got), len(tc.want))
			}
			for i := range got {
				if !near(got[i], tc.want[i], 1e-12) {
					t.Errorf("[%d] = %v, want %v", i, got[i], tc.want[i])
				}
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
