package analysis

import (
	"testing"

	"renkei/survey"
)

// gapCodebook has two dimensions of two items each and no reverse-worded item, so a
// respondent who answers every item alike has that answer as every score.
const gapCodebook = `item,dimension,reverse,min,max,text_en,text_ja,header
a1,alpha,false,1,5,,,
a2,alpha,false,1,5,,,
b1,beta,false,1,5,,,
b2,beta,false,1,5,,,
`

// gapData: partnership p, orgs a, b and c in 2026Q1 (and an earlier wave with the gap
// reversed, which must not count); q, whose orgs differ by 1.2 points with overlapping
// CIs; s, whose org c has two respondents, so that complementary suppression leaves one
// org published. Dimension beta is answered 3 by everyone: no gap anywhere.
func gapData(cb *survey.Codebook) []*survey.Response {
	q1, q4 := survey.Wave{Year: 2026, Quarter: 1}, survey.Wave{Year: 2025, Quarter: 4}
	var out []*survey.Response
	add := func(p string, w survey.Wave, org string, values ...int8) {
		for _, v := range values {
			out = append(out, &survey.Response{Partnership: p, Wave: w, Org: org, Answers: []int8{v, v, 3, 3}})
		}
	}
	add("p", q4, "a", 1, 1, 1, 1, 1)
	add("p", q4, "b", 5, 5, 5, 5, 5)
	add("p", q1, "a", 5, 5, 4, 5, 4, 5)
	add("p", q1, "b", 2, 3, 2, 3, 2, 2)
	add("p", q1, "c", 4, 3, 4, 3, 4)
	add("q", q1, "a", 5, 1, 5, 1, 5)
	add("q", q1, "b", 2, 2, 2, 3, 2)
	add("s", q1, "a", 4, 4, 4, 4, 4)
	add("s", q1, "b", 2, 2, 2, 2, 2)
	add("s", q1, "c", 5, 5)
	return out
}

func TestPerceptionGaps(t *testing.T) {
	cb := mustCodebook(t, gapCodebook)
	res := aggregate(cb, gapData(cb)).Result(Options{MinGroup: 5, Bands: DefaultBands()})
	gaps := res.PerceptionGaps()
	byKey := map[string]PerceptionGap{}
	for _, g := range gaps {
		byKey[g.Partnership+"/"+g.Dimension] = g
	}
	q1 := survey.Wave{Year: 2026, Quarter: 1}
	cases := []struct {
		name              string
		key               string
		found             bool
		high, low         string
		highMean, lowMean float64
		lowCIHigh         float64
		highCILow         float64
		gap               float64
		flagged           bool
	}{
		// R: mean(p_a), mean(p_b), t.test(p_b)$conf.int[2], t.test(p_a)$conf.int[1] (testdata/gap.R)
		{name: "LatestWaveGapFlagged", key: "p/alpha", found: true, high: "a", low: "b",
			highMean: 4.66666666666667, lowMean: 2.33333333333333, lowCIHigh: 2.87525956749782, highCILow: 4.12474043250218,
			gap: 2.33333333333333, flagged: true},
		// Health is the mean of alpha and beta (3): half the alpha gap, 1.1667 ≥ 1, CIs apart.
		{name: "HealthGapFlagged", key: "p/health", found: true, high: "a", low: "b",
			highMean: (4.66666666666667 + 3) / 2, lowMean: (2.33333333333333 + 3) / 2, lowCIHigh: (2.87525956749782 + 3) / 2, highCILow: (4.12474043250218 + 3) / 2,
			gap: 2.33333333333333 / 2, flagged: true},
		// R: mean(q_a) − mean(q_b) = 1.2, but t.test(q_a)$conf.int[1] = 0.68 < t.test(q_b)$conf.int[2] = 2.76.
		{name: "OverlappingCIsNotFlagged", key: "q/alpha", found: true, high: "a", low: "b",
			highMean: 3.4, lowMean: 2.2, lowCIHigh: 2.75528902103956, highCILow: 0.679650477366977, gap: 1.2},
		{name: "NoDifferenceNotFlagged", key: "p/beta", found: true, high: "a", low: "b", highMean: 3, lowMean: 3, lowCIHigh: 3, highCILow: 3},
		{name: "OnePublishedOrgNoGap", key: "s/alpha"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g, ok := byKey[tc.key]
			if ok != tc.found {
				t.Fatalf("gap %s found = %v, want %v", tc.key, ok, tc.found)
			}
			if !ok {
				return
			}
			if g.Wave != q1 {
				t.Errorf("wave = %v, want the latest, %v", g.Wave, q1)
			}
			if g.High.Group != tc.high || g.Low.Group != tc.low {
				t.Errorf("high, low = %s, %s; want %s, %s", g.High.Group, g.Low.Group, tc.high, tc.low)
			}
			for _, c := range []struct {
				what      string
				got, want float64
			}{
				{"high mean", g.High.Mean, tc.highMean}, {"low mean", g.Low.Mean, tc.lowMean},
				{"low CI high", g.Low.CIHigh, tc.lowCIHigh}, {"high CI low", g.High.CILow, tc.highCILow},
				{"gap", g.Gap, tc.gap},
			} {
				if !near(c.got, c.want, 1e-12) {
					t.Errorf("%s = %.15g, want %.15g", c.what, c.got, c.want)
				}
			}
			if g.Flagged != tc.flagged {
				t.Errorf("flagged = %v, want %v", g.Flagged, tc.flagged)
			}
		})
	}
}
