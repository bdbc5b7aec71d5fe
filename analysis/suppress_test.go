package analysis

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"renkei/survey"
)

// responsesFor makes n responses of one partnership and wave from org and role, every
// item answered v.
func responsesFor(cb *survey.Codebook, org, role string, n int, v int8) []*survey.Response {
	out := make([]*survey.Response, n)
	for i := range out {
		answers := make([]int8, len(cb.Items))
		for j := range answers {
			answers[j] = v
		}
		out[i] = &survey.Response{Partnership: "p", Wave: survey.Wave{Year: 2026, Quarter: 1}, Org: org, Role: role, Answers: answers}
	}
	return out
}

// TestComplementarySuppression: the groups hidden within a breakdown, with the
// respondents outside it, must never number 1 to k−1.
func TestComplementarySuppression(t *testing.T) {
	cb := survey.BuiltinCodebook()
	type part struct {
		org  string
		n    int
		want Suppression
	}
	tests := []struct {
		name  string
		parts []part
	}{
		{"NoneSmall", []part{{"A", 6, NotSuppressed}, {"B", 5, NotSuppressed}}},
		{"OneSmallHidesSmallestOther", []part{{"A", 10, NotSuppressed}, {"B", 8, Complementary}, {"C", 2, FewerThanK}}},
		{"TwoSmallTogetherEnough", []part{{"A", 10, NotSuppressed}, {"B", 3, FewerThanK}, {"C", 2, FewerThanK}}},
		{"TwoSmallTogetherTooFew", []part{{"A", 10, NotSuppressed}, {"B", 9, Complementary}, {"C", 2, FewerThanK}, {"D", 1, FewerThanK}}},
		{"NoOrgResidue", []part{{"A", 7, NotSuppressed}, {"B", 6, Complementary}, {"", 2, NotSuppressed}}},
		{"NoOrgResidueEnough", []part{{"A", 7, NotSuppressed}, {"B", 6, NotSuppressed}, {"", 5, NotSuppressed}}},
		{"OnlyOneOrg", []part{{"A", 4, FewerThanK}, {"", 3, NotSuppressed}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			agg := NewAggregator(cb)
			for i, p := range tt.parts {
				for _, r := range responsesFor(cb, p.org, "", p.n, int8(1+i%5)) {
					agg.Add(r)
				}
			}
			res := agg.Result(Options{MinGroup: 5, Bands: DefaultBands()})
			got := map[string]Suppression{}
			for s := range res.Scores() {
				if s.Breakdown == BreakdownOrg {
					got[s.Group+"/"+s.Dimension] = s.Suppression
				}
			}
			for _, p := range tt.parts {
				if p.org == "" {
					continue
				}
				for _, d := range res.Dimensions() {
					if g := got[p.org+"/"+d]; g != p.want {
						t.Errorf("org %s (n %d) %s: %v, want %v", p.org, p.n, d, g, p.want)
					}
				}
			}
			checkNoRecovery(t, res)
		})
	}
}

// checkNoRecovery computes what a reader of the published scores can subtract: the
// whole partnership minus every visible group of a breakdown. That remainder — the
// hidden groups and the respondents outside the breakdown — must be empty or at least
// k respondents.
func checkNoRecovery(t *testing.T, res *Result) {
	t.Helper()
	type cell struct {
		p, d string
		w    survey.Wave
	}
	whole := map[cell]int{}
	visible := map[cell]map[Breakdown]int{}
	for s := range res.Scores() {
		c := cell{s.Partnership, s.Dimension, s.Wave}
		switch {
		case s.Breakdown == BreakdownAll && !s.Suppressed:
			whole[c] = s.N
		case !s.Suppressed:
			if visible[c] == nil {
				visible[c] = map[Breakdown]int{}
			}
			visible[c][s.Breakdown] += s.N
		}
	}
	for c, v := range visible {
		n, ok := whole[c]
		if !ok {
			t.Errorf("%v: a breakdown group is shown while its whole partnership is hidden", c)
			continue
		}
		for b, seen := range v {
			if rest := n - seen; rest > 0 && rest < res.MinGroup {
				t.Errorf("%v %s: the whole minus the visible groups leaves %d respondents, fewer than k = %d", c, b, rest, res.MinGroup)
			}
		}
	}
}

// TestNoRecoveryOnGeneratedData runs the subtraction check over generated data with
// many small groups, at several k.
func TestNoRecoveryOnGeneratedData(t *testing.T) {
	for _, k := range []int{3, 5, 8} {
		t.Run(fmt.Sprintf("k%d", k), func(t *testing.T) {
			cb, responses := mergeData(t)
			res := aggregate(cb, responses).Result(Options{MinGroup: k, Bands: DefaultBands()})
			checkNoRecovery(t, res)
		})
	}
}

// TestSuppressedIsScoresFiltered: SuppressedOf yields exactly the suppressed rows of
// Scores, in order, for both primary and complementary suppression.
func TestSuppressedIsScoresFiltered(t *testing.T) {
	cb, responses := builtinData(t)
	// One partnership more, whose org B is hidden only by complementary suppression.
	responses = append(responses, responsesFor(cb, "A", "", 10, 4)...)
	responses = append(responses, responsesFor(cb, "B", "", 8, 3)...)
	responses = append(responses, responsesFor(cb, "C", "", 2, 2)...)
	res := aggregate(cb, responses).Result(Options{MinGroup: 5, Bands: DefaultBands()})
	var want []GroupScore
	kinds := map[Suppression]bool{}
	for s := range res.Scores() {
		if s.Suppressed {
			want = append(want, s)
			kinds[s.Suppression] = true
		}
	}
	if !kinds[FewerThanK] || !kinds[Complementary] {
		t.Fatalf("suppressions seen %v: the sample should have both kinds", kinds)
	}
	if got := slices.Collect(res.SuppressedOf(0, res.Groups())); !reflect.DeepEqual(got, want) {
		t.Errorf("SuppressedOf yields %d rows, want the %d suppressed rows of Scores", len(got), len(want))
	}
}
