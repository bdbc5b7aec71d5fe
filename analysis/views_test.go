package analysis

import (
	"math"
	"slices"
	"testing"

	"renkei/survey"
)

// viewsData: partnership "p" with five respondents in 2026Q1 (org a) and three in
// 2025Q4; partnership "q" with five respondents in one wave only. In p's 2026Q1 every
// answer is 4 except comm1, answered 5, 5, 5, 2, 2 (no 1 and no 3 or 4), and comm2,
// answered by two respondents only. In 2025Q4 every answer is 3.
func viewsData(cb *survey.Codebook) []*survey.Response {
	const M = survey.Missing
	q1, q4 := survey.Wave{Year: 2026, Quarter: 1}, survey.Wave{Year: 2025, Quarter: 4}
	var out []*survey.Response
	for i, comm1 := range []int8{5, 5, 5, 2, 2} {
		answers := make([]int8, len(cb.Items))
		for j := range answers {
			answers[j] = 4
		}
		answers[0] = comm1
		if i >= 2 {
			answers[1] = M
		}
		out = append(out, &survey.Response{Partnership: "p", Wave: q1, Org: "a", Answers: answers})
		out = append(out, &survey.Response{Partnership: "q", Wave: q1, Answers: slices.Clone(answers)})
	}
	for range 3 {
		answers := make([]int8, len(cb.Items))
		for j := range answers {
			answers[j] = 3
		}
		out = append(out, &survey.Response{Partnership: "p", Wave: q4, Answers: answers})
	}
	return out
}

func TestItemAnswers(t *testing.T) {
	cb := survey.BuiltinCodebook()
	res := aggregate(cb, viewsData(cb)).Result(Options{MinGroup: 5, Bands: DefaultBands()})
	q1, q4 := survey.Wave{Year: 2026, Quarter: 1}, survey.Wave{Year: 2025, Quarter: 4}
	cases := []struct {
		name           string
		partnership    string
		wave           survey.Wave
		found          bool
		item           int   // index of the item checked
		suppressed     bool  // of that item
		counts         []int // of that item
		suppressedAll  bool  // every item suppressed
		unsuppressedOK int   // items not suppressed
	}{
		// comm1: three 5s and two 2s; the unused points 1, 3 and 4 stay, as 0.
		{name: "UnusedLevelsKeptAsZero", partnership: "p", wave: q1, found: true, item: 0, counts: []int{0, 2, 0, 0, 3}, unsuppressedOK: 15},
		// comm2 has two answers, fewer than k = 5.
		{name: "ItemWithFewAnswersSuppressed", partnership: "p", wave: q1, found: true, item: 1, suppressed: true, unsuppressedOK: 15},
		// comm4 is reverse-worded: an answer of 4 counts at point 2.
		{name: "ReverseItemCounted", partnership: "p", wave: q1, found: true, item: 3, counts: []int{0, 5, 0, 0, 0}, unsuppressedOK: 15},
		// Three respondents: the whole group is below k.
		{name: "SmallGroupSuppressed", partnership: "p", wave: q4, found: true, item: 0, suppressed: true, suppressedAll: true},
		{name: "UnknownPartnershipNotFound", partnership: "zz", wave: q1},
		{name: "UnknownWaveNotFound", partnership: "q", wave: q4},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			items, ok := res.ItemAnswers(tc.partnership, tc.wave)
			if ok != tc.found {
				t.Fatalf("found = %v, want %v", ok, tc.found)
			}
			if !ok {
				return
			}
			if len(items) != len(cb.Items) {
				t.Fatalf("%d items, want %d", len(items), len(cb.Items))
			}
			it := items[tc.item]
			if it.Item != tc.item || it.Suppressed != tc.suppressed || !slices.Equal(it.Counts, tc.counts) {
				t.Errorf("item %d = %+v, want suppressed %v, counts %v", tc.item, it, tc.suppressed, tc.counts)
			}
			shown := 0
			for _, it := range items {
				if it.Suppressed && it.Counts != nil {
					t.Errorf("suppressed item %d carries counts %v", it.Item, it.Counts)
				}
				if !it.Suppressed {
					shown++
				}
			}
			if shown != tc.unsuppressedOK {
				t.Errorf("%d items shown, want %d", shown, tc.unsuppressedOK)
			}
		})
	}
}

// TestItemAnswersSumToDistribution: the item counts of a dimension add up to the
// dimension's distribution, which other tests check against R, in every
// whole-partnership group (the groups that keep item counts).
func TestItemAnswersSumToDistribution(t *testing.T) {
	cb, responses := builtinData(t)
	res := aggregate(cb, responses).Result(Options{MinGroup: 3, Bands: DefaultBands()})
	checked := 0
	for s := range res.Scores() {
		d := cb.Dimension(s.Dimension)
		if s.Suppressed || d < 0 || s.Breakdown != BreakdownAll {
			continue
		}
		items, ok := res.ItemAnswers(s.Partnership, s.Wave)
		if !ok {
			t.Fatalf("group %s %v %s %s not found", s.Partnership, s.Wave, s.Breakdown, s.Group)
		}
		sum := make([]int, cb.Points())
		complete := true
		for _, i := range cb.Dimensions[d].Items {
			if items[i].Suppressed {
				complete = false
				break
			}
			for p, c := range items[i].Counts {
				sum[p] += c
			}
		}
		if complete {
			checked++
			if !slices.Equal(sum, s.Distribution) {
				t.Errorf("%s %v %s %s %s: items sum to %v, distribution %v", s.Partnership, s.Wave, s.Breakdown, s.Group, s.Dimension, sum, s.Distribution)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no group checked")
	}
}

func TestLatestChanges(t *testing.T) {
	cb := survey.BuiltinCodebook()
	data := viewsData(cb)
	q1, q4 := survey.Wave{Year: 2026, Quarter: 1}, survey.Wave{Year: 2025, Quarter: 4}
	// A third, larger wave for p (2025Q3, all answers 2) makes 2025Q4 the previous wave
	// of 2026Q1, not the first one.
	for range 5 {
		answers := make([]int8, len(cb.Items))
		for j := range answers {
			answers[j] = 2
		}
		data = append(data, &survey.Response{Partnership: "p", Wave: survey.Wave{Year: 2025, Quarter: 3}, Answers: answers})
	}
	type want struct {
		partnership, dimension string
		previous               survey.Wave
		hasPrevious            bool
		change                 float64 // NaN when none may be shown
	}
	nan := math.NaN()
	cases := []struct {
		name     string
		minGroup int
		want     []want // the communication and trust rows
	}{
		// k = 3: p's 2025Q4 (three respondents, every answer 3, so every score 3) is
		// shown. p's 2026Q1 trust: every answer 4, trust4 reversed to 2, so each score
		// is (4+4+4+2)/4 = 3.5: change +0.5. Communication: comm1 5,5,5,2,2; comm2 4
		// (two answers); comm3 4; comm4 4 → 2: scores 15/4, 15/4, 11/3, 8/3, 8/3,
		// mean (15/2 + 11/3 + 16/3)/5 = 3.3, change +0.3.
		{name: "PreviousShown", minGroup: 3, want: []want{
			{"p", "communication", q4, true, 3.3 - 3},
			{"p", "trust", q4, true, 0.5},
			{"q", "communication", survey.Wave{}, false, nan},
			{"q", "trust", survey.Wave{}, false, nan},
		}},
		// k = 5: p's 2025Q4 is suppressed, so no change is given, though its wave is.
		{name: "PreviousSuppressedNoChange", minGroup: 5, want: []want{
			{"p", "communication", q4, true, nan},
			{"p", "trust", q4, true, nan},
			{"q", "communication", survey.Wave{}, false, nan},
			{"q", "trust", survey.Wave{}, false, nan},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := aggregate(cb, data).Result(Options{MinGroup: tc.minGroup, Bands: DefaultBands()})
			var got []LatestChange
			for wc := range res.LatestChanges() {
				if wc.Latest.Wave != q1 || wc.Latest.Breakdown != BreakdownAll {
					t.Errorf("latest of %s is %v %s, want 2026Q1 all", wc.Latest.Partnership, wc.Latest.Wave, wc.Latest.Breakdown)
				}
				if d := wc.Latest.Dimension; d == "communication" || d == "trust" {
					got = append(got, wc)
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("%d rows, want %d", len(got), len(tc.want))
			}
			for i, w := range tc.want {
				g := got[i]
				if g.Latest.Partnership != w.partnership || g.Latest.Dimension != w.dimension || g.HasPrevious != w.hasPrevious || g.Previous != w.previous || !near(g.Change, w.change, 1e-12) {
					t.Errorf("row %d = %s %s previous %v (%v) change %g; want %s %s %v (%v) %g", i,
						g.Latest.Partnership, g.Latest.Dimension, g.Previous, g.HasPrevious, g.Change,
						w.partnership, w.dimension, w.previous, w.hasPrevious, w.change)
				}
			}
		})
	}
	t.Run("StopsWhenConsumerStops", func(t *testing.T) {
		res := aggregate(cb, data).Result(Options{MinGroup: 3, Bands: DefaultBands()})
		n := 0
		for range res.LatestChanges() {
			n++
			break
		}
		if n != 1 {
			t.Errorf("read %d rows after break", n)
		}
	})
}
