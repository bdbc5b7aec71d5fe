package analysis

import (
	"math"
	"testing"

	"renkei/survey"
)

func TestScorerDenominators(t *testing.T) {
	custom := mustCodebook(t, customCodebookCSV)
	tests := []struct {
		name                    string
		cb                      *survey.Codebook
		den, healthDen, dimMax  int
		minAnsweredPerDimension []int
	}{
		// Built-in: four items per dimension, 2–4 answered: lcm(2, 3, 4) = 12; 4 dimensions
		// on 1–5: health over 4·12, top score (5−1)·12.
		{"builtin", survey.BuiltinCodebook(), 12, 48, 48, []int{2, 2, 2, 2}},
		// Custom: 3, 5, 4, 2, 4 items need ceil(k/2) = 2, 3, 2, 1, 2 answered:
		// lcm(2, 3, 3, 4, 5, 2, 3, 4, 1, 2, 2, 3, 4) = 60; 5 dimensions on 1–6.
		{"custom", custom, 60, 300, 300, []int{2, 3, 2, 1, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewScorer(tt.cb)
			if s.Denominator != tt.den {
				t.Errorf("Denominator = %d, want %d", s.Denominator, tt.den)
			}
			if got := s.HealthDenominator(); got != tt.healthDen {
				t.Errorf("HealthDenominator() = %d, want %d", got, tt.healthDen)
			}
			if got := s.DimensionMax(); got != tt.dimMax {
				t.Errorf("DimensionMax() = %d, want %d", got, tt.dimMax)
			}
			for d, want := range tt.minAnsweredPerDimension {
				if s.minAnswered[d] != want {
					t.Errorf("dimension %s needs %d answered, want %d", tt.cb.Dimensions[d].ID, s.minAnswered[d], want)
				}
			}
		})
	}
}

// TestScoreAgainstR checks every respondent's dimension scores and health index
// against testdata/reference.R (builtinRespondentRefs, customRespondentRefs).
func TestScoreAgainstR(t *testing.T) {
	for _, set := range []struct {
		name string
		data func(testing.TB) (*survey.Codebook, []*survey.Response)
		refs []respondentRef
	}{
		{"builtin", builtinData, builtinRespondentRefs},
		{"custom", customData, customRespondentRefs},
	} {
		t.Run(set.name, func(t *testing.T) {
			cb, responses := set.data(t)
			if len(responses) != len(set.refs) {
				t.Fatalf("%d responses, %d reference rows", len(responses), len(set.refs))
			}
			s := NewScorer(cb)
			dims := make([]int, len(cb.Dimensions))
			missing := 0
			for i, r := range responses {
				health := s.Score(r.Answers, dims)
				ref := set.refs[i]
				for d, want := range ref.dims {
					if math.IsNaN(want) {
						missing++
						if dims[d] != -1 {
							t.Errorf("line %d %s: numerator %d, want −1 (missing)", r.Line, cb.Dimensions[d].ID, dims[d])
						}
						continue
					}
					if got := s.Value(dims[d]); !near(got, want, tolerance) {
						t.Errorf("line %d %s: score %.17g, R %.17g", r.Line, cb.Dimensions[d].ID, got, want)
					}
				}
				if math.IsNaN(ref.health) {
					if health != -1 {
						t.Errorf("line %d: health numerator %d, want −1 (missing)", r.Line, health)
					}
					continue
				}
				got := float64(cb.Min) + float64(health)/float64(s.HealthDenominator())
				if !near(got, ref.health, tolerance) {
					t.Errorf("line %d: health %.17g, R %.17g", r.Line, got, ref.health)
				}
			}
			if missing == 0 {
				t.Error("the data set has no missing dimension score; it should exercise one")
			}
		})
	}
}

// TestScoreMissingRule checks "missing when fewer than half of the items are answered"
// at the edge for dimensions of 2, 3, 4 and 5 items, with reverse-coding on both
// scales. Expected values are worked by hand.
func TestScoreMissingRule(t *testing.T) {
	const M = survey.Missing
	builtin := survey.BuiltinCodebook()
	custom := mustCodebook(t, customCodebookCSV)
	tests := []struct {
		name    string
		cb      *survey.Codebook
		dim     string
		answers map[string]int8 // others missing
		want    float64         // NaN when missing
	}{
		// built-in, 4 items: 2 needed. comm4 is reverse: 6 − 2 = 4.
		{"Builtin4Items1AnsweredMissing", builtin, "communication", map[string]int8{"comm1": 5}, math.NaN()},
		{"Builtin4Items2AnsweredScored", builtin, "communication", map[string]int8{"comm1": 5, "comm4": 2}, 4.5},
		{"Builtin4Items0AnsweredMissing", builtin, "trust", map[string]int8{}, math.NaN()},
		{"BuiltinReverseOnly", builtin, "role_clarity", map[string]int8{"role2": 3, "role4": 5}, 2},
		// custom 1–6, 3 items (listening): ceil(3/2) = 2 needed; l3 reverse: 7 − 1 = 6.
		{"Custom3Items1AnsweredMissing", custom, "listening", map[string]int8{"l3": 1}, math.NaN()},
		{"Custom3Items2AnsweredScored", custom, "listening", map[string]int8{"l1": 5, "l3": 1}, 5.5},
		{"Custom3Items3Answered", custom, "listening", map[string]int8{"l1": 2, "l2": 3, "l3": 6}, 2},
		// 5 items (respect): ceil(5/2) = 3 needed; r5 reverse: 7 − 2 = 5.
		{"Custom5Items2AnsweredMissing", custom, "respect", map[string]int8{"r1": 6, "r5": 2}, math.NaN()},
		{"Custom5Items3AnsweredScored", custom, "respect", map[string]int8{"r1": 6, "r2": 4, "r5": 2}, 5},
		{"Custom5Items4Answered", custom, "respect", map[string]int8{"r1": 6, "r2": 4, "r3": 3, "r5": 2}, 4.5},
		// 2 items (sharing): 1 needed; s2 reverse: 7 − 2 = 5.
		{"Custom2Items1AnsweredScored", custom, "sharing", map[string]int8{"s2": 2}, 5},
		{"Custom2Items0AnsweredMissing", custom, "sharing", map[string]int8{}, math.NaN()},
		// 4 items, answer at both ends of 1–6: p2 reverse 7 − 6 = 1.
		{"Custom4ItemsScaleEnds", custom, "planning", map[string]int8{"p1": 1, "p2": 6, "p3": 1}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			answers := make([]int8, len(tt.cb.Items))
			for i, it := range tt.cb.Items {
				answers[i] = M
				if v, ok := tt.answers[it.ID]; ok {
					answers[i] = v
				}
			}
			d := tt.cb.Dimension(tt.dim)
			s := NewScorer(tt.cb)
			dims := make([]int, len(tt.cb.Dimensions))
			health := s.Score(answers, dims)
			if math.IsNaN(tt.want) {
				if dims[d] != -1 {
					t.Errorf("numerator %d (score %g), want missing", dims[d], s.Value(dims[d]))
				}
			} else if dims[d] < 0 || s.Value(dims[d]) != tt.want {
				t.Errorf("numerator %d (score %g), want score %g", dims[d], s.Value(dims[d]), tt.want)
			}
			if health != -1 {
				t.Errorf("health numerator %d with other dimensions unanswered, want −1", health)
			}
		})
	}
}

// TestScoreHealthOfCompleteResponse works one full response on the built-in codebook by
// hand: communication 5, 4, 3, rev 2 → 4 gives 4; trust 4, 4, 4, rev 1 → 5 gives 4.25;
// role 2, 3, 2, rev 5 → 1 gives 2; goals 3, 3, 4, 4 gives 3.5; health 13.75/4 = 3.4375.
func TestScoreHealthOfCompleteResponse(t *testing.T) {
	cb := survey.BuiltinCodebook()
	s := NewScorer(cb)
	dims := make([]int, 4)
	health := s.Score([]int8{5, 4, 3, 2, 4, 4, 4, 1, 2, 3, 2, 5, 3, 3, 4, 4}, dims)
	want := []float64{4, 4.25, 2, 3.5}
	for d := range want {
		if got := s.Value(dims[d]); got != want[d] {
			t.Errorf("%s = %g, want %g", cb.Dimensions[d].ID, got, want[d])
		}
	}
	if got := 1 + float64(health)/float64(s.HealthDenominator()); got != 3.4375 {
		t.Errorf("health = %g, want 3.4375", got)
	}
}
