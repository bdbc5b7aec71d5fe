package analysis

import (
	"reflect"
	"testing"

	"renkei/survey"
)

// TestSuggest: in its latest wave the partnership scores communication 2 (concern),
// trust 3 (borderline), role clarity 4 and shared goals 5 (strengths); its earlier
// wave, all 2, is ignored.
func TestSuggest(t *testing.T) {
	cb := survey.BuiltinCodebook()
	agg, rel := NewAggregator(cb), NewRelationAggregator(cb, false)
	add := func(wave string, dims [4]int8) {
		for range 5 {
			r := &survey.Response{Partnership: "p", Wave: mustParseWave(t, wave), Answers: make([]int8, len(cb.Items))}
			for i, it := range cb.Items {
				v := dims[cb.Dimension(it.Dimension)]
				if it.Reverse {
					v = int8(cb.Min+cb.Max) - v
				}
				r.Answers[i] = v
			}
			agg.Add(r)
			rel.Add(r)
		}
	}
	add("2026Q1", [4]int8{2, 2, 2, 2})
	add("2026Q2", [4]int8{2, 3, 4, 5})
	res := agg.Result(Options{MinGroup: 5, Bands: DefaultBands()})
	actions := survey.BuiltinActions()
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			got := rel.Seams(res, SeamOptions{Actions: actions, Lang: lang}).Suggestions
			if len(got) != 2 {
				t.Fatalf("%d suggestions, want communication and trust: %+v", len(got), got)
			}
			for i, want := range []Suggestion{
				{Partnership: "p", Wave: mustParseWave(t, "2026Q2"), Dimension: "communication", Band: BandConcern, Mean: 2, Actions: actions.For("communication", "concern", lang)},
				{Partnership: "p", Wave: mustParseWave(t, "2026Q2"), Dimension: "trust", Band: BandBorderline, Mean: 3, Actions: actions.For("trust", "borderline", lang)},
			} {
				if !reflect.DeepEqual(got[i], want) {
					t.Errorf("suggestion %d: %+v, want %+v", i, got[i], want)
				}
			}
			if n := len(got[0].Actions); n != 3 {
				t.Errorf("a concern gets %d actions, want 3", n)
			}
		})
	}
	t.Run("NoTable", func(t *testing.T) {
		if got := rel.Seams(res, SeamOptions{Lang: "en"}).Suggestions; len(got) != 2 || got[0].Actions != nil {
			t.Errorf("without a table: %+v, want the weak dimensions without actions", got)
		}
	})
}
