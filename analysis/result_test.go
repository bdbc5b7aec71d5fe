package analysis

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"testing"

	"renkei/survey"
)

// orderData adds responses in an order that is neither sorted nor chronological:
// partnerships zeta, alpha, mid; waves 2026Q1 before 2025Q4 and 2025Q2; orgs and roles
// out of order. Every group has three responses with complete answers.
func orderData(cb *survey.Codebook) []*survey.Response {
	type key struct{ partnership, wave, org, role string }
	keys := []key{
		{"zeta", "2026Q1", "school", "top"},
		{"alpha", "2026Q1", "npo", "middle"},
		{"alpha", "2025Q4", "agency", "frontline"},
		{"mid", "2025Q2", "hospital", ""},
		{"alpha", "2026Q1", "agency", "frontline"},
		{"zeta", "2025Q4", "city office", "middle"},
	}
	var out []*survey.Response
	for i, k := range keys {
		var w survey.Wave
		fmt.Sscanf(k.wave, "%4dQ%1d", &w.Year, &w.Quarter)
		for j := range 3 {
			answers := make([]int8, len(cb.Items))
			for it := range answers {
				answers[it] = int8(1 + (i+j+it)%5)
			}
			out = append(out, &survey.Response{Partnership: k.partnership, Wave: w, Org: k.org, Role: k.role, Answers: answers})
		}
	}
	return out
}

func TestResultOrder(t *testing.T) {
	cb := survey.BuiltinCodebook()
	res := aggregate(cb, orderData(cb)).Result(Options{MinGroup: 3, Bands: DefaultBands()})

	if want := []string{"alpha", "mid", "zeta"}; !slices.Equal(res.Partnerships, want) {
		t.Errorf("Partnerships = %v, want %v", res.Partnerships, want)
	}
	var waves []string
	for _, w := range res.Waves {
		waves = append(waves, waveLabel(w))
	}
	if want := []string{"2025Q2", "2025Q4", "2026Q1"}; !slices.Equal(waves, want) {
		t.Errorf("Waves = %v, want %v", waves, want)
	}
	dims := []string{"communication", "trust", "role_clarity", "shared_goals", survey.HealthDimension}
	if got := res.Dimensions(); !slices.Equal(got, dims) {
		t.Errorf("Dimensions() = %v, want %v (codebook order, health last)", got, dims)
	}

	// The groups, by partnership, wave (chronological), breakdown all/org/role, group.
	wantGroups := []string{
		"alpha 2025Q4 all ", "alpha 2025Q4 org agency", "alpha 2025Q4 role frontline",
		"alpha 2026Q1 all ", "alpha 2026Q1 org agency", "alpha 2026Q1 org npo",
		"alpha 2026Q1 role frontline", "alpha 2026Q1 role middle",
		"mid 2025Q2 all ", "mid 2025Q2 org hospital",
		"zeta 2025Q4 all ", "zeta 2025Q4 org city office", "zeta 2025Q4 role middle",
		"zeta 2026Q1 all ", "zeta 2026Q1 org school", "zeta 2026Q1 role top",
	}
	scores := scoresOf(res)
	if len(scores) != len(wantGroups)*len(dims) {
		t.Fatalf("%d rows, want %d groups × %d dimensions", len(scores), len(wantGroups), len(dims))
	}
	for i, s := range scores {
		group := fmt.Sprintf("%s %s %s %s", s.Partnership, waveLabel(s.Wave), s.Breakdown, s.Group)
		if group != wantGroups[i/len(dims)] || s.Dimension != dims[i%len(dims)] {
			t.Errorf("row %d is %s %s, want %s %s", i, group, s.Dimension, wantGroups[i/len(dims)], dims[i%len(dims)])
		}
		wantN := 3
		if group == "alpha 2026Q1 all " {
			wantN = 6 // two org × role combinations
		}
		if s.Suppressed || s.N != wantN {
			t.Errorf("row %d %s %s: Suppressed %v, N %d; want a shown group of %d", i, group, s.Dimension, s.Suppressed, s.N, wantN)
		}
	}
}

func TestResultOfNothing(t *testing.T) {
	res := NewAggregator(survey.BuiltinCodebook()).Result(Options{MinGroup: 5, Bands: DefaultBands()})
	if v := viewOf(res); v.Responses != 0 || len(v.Partnerships) != 0 || len(v.Waves) != 0 || len(v.Scores) != 0 {
		t.Errorf("empty aggregator: %+v", v)
	}
}

// TestDistribution works the distribution and favourable share of three responses by
// hand. Communication answers (comm4 reverse, 6 − x):
//
//	5 4 – 1→5 | 3 3 3 2→4 | 1 2 5 5→1
//
// after reverse-coding: 1: two, 2: one, 3: three, 4: two, 5: three (11 answers);
// favourable (4 or 5) = 5/11. The respondent scores are 14/3, 13/4, 9/4: the mean is
// (56 + 39 + 27)/36 = 61/18, the median 13/4.
func TestDistribution(t *testing.T) {
	cb := survey.BuiltinCodebook()
	const M = survey.Missing
	rest := []int8{3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3} // trust, role clarity, goals: all 3
	var responses []*survey.Response
	for _, comm := range [][]int8{{5, 4, M, 1}, {3, 3, 3, 2}, {1, 2, 5, 5}} {
		responses = append(responses, &survey.Response{
			Partnership: "p", Wave: survey.Wave{Year: 2026, Quarter: 1},
			Answers: append(slices.Clone(comm), rest...),
		})
	}
	res := aggregate(cb, responses).Result(Options{MinGroup: 3, Bands: DefaultBands()})
	scores := scoresOf(res)
	comm, trust, health := scores[0], scores[1], scores[4]
	if comm.Dimension != "communication" || trust.Dimension != "trust" || health.Dimension != survey.HealthDimension {
		t.Fatalf("rows are %s, %s, %s", comm.Dimension, trust.Dimension, health.Dimension)
	}
	if want := []int{2, 1, 3, 2, 3}; !slices.Equal(comm.Distribution, want) {
		t.Errorf("communication distribution %v, want %v", comm.Distribution, want)
	}
	if comm.Favorable != 5.0/11 {
		t.Errorf("communication favourable %g, want 5/11", comm.Favorable)
	}
	if math.Abs(comm.Mean-61.0/18) > 1e-15 || comm.Median != 3.25 {
		t.Errorf("communication mean %.17g, median %g; want 61/18, 3.25", comm.Mean, comm.Median)
	}
	// Trust: every answer 3, and trust4's reverse of 3 is 3.
	if want := []int{0, 0, 12, 0, 0}; !slices.Equal(trust.Distribution, want) || trust.Favorable != 0 || trust.SD != 0 {
		t.Errorf("trust distribution %v, favourable %g, SD %g; want %v, 0, 0", trust.Distribution, trust.Favorable, trust.SD, want)
	}
	if trust.CILow != 3 || trust.CIHigh != 3 {
		t.Errorf("trust CI [%g, %g] of constant scores, want [3, 3]", trust.CILow, trust.CIHigh)
	}
	// Health: all 47 answers.
	if want := []int{2, 1, 39, 2, 3}; !slices.Equal(health.Distribution, want) || health.Favorable != 5.0/47 {
		t.Errorf("health distribution %v, favourable %g; want %v, 5/47", health.Distribution, health.Favorable, want)
	}
}

// TestScoresRepeatable checks that Scores can be read twice with the same rows, and
// stops when the consumer does.
func TestScoresRepeatable(t *testing.T) {
	cb, responses := builtinData(t)
	res := aggregate(cb, responses).Result(Options{MinGroup: 3, Bands: DefaultBands()})
	first, second := scoresOf(res), scoresOf(res)
	if len(first) == 0 || !reflect.DeepEqual(first, second) {
		t.Errorf("two passes over Scores differ (%d and %d rows)", len(first), len(second))
	}
	seen := 0
	for range res.Scores() {
		seen++
		if seen == 7 {
			break
		}
	}
	if seen != 7 {
		t.Errorf("stopped after %d rows, want 7", seen)
	}
}
