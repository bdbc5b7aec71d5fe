package analysis

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"testing"

	"renkei/stats"
	"renkei/survey"
)

// gapRef is one line printed by testdata/gaps.R: R 4.2.2's t.test(a, b) on the
// respondent scores of two views of partnership aozora in 2026Q1.
type gapRef struct {
	kind, dimension               string
	nA                            int
	meanA                         float64
	nB                            int
	meanB                         float64
	diff, ciLow, ciHigh, t, df, p float64
}

// gapRefs: Rscript testdata/gaps.R (directed: Clinic→Office against Office→Clinic;
// layers: top against frontline); diff = mean(a) − mean(b), ci = t.test(a, b)$conf.int,
// t = $statistic, df = $parameter, p = $p.value.
var gapRefs = []gapRef{
	{"directed", "communication", 9, 4.0277777777777777, 8, 3.0104166666666665, 1.0173611111111112, 0.55528381452179243, 1.4794384077004299, 4.7944514910096094, 12.060481764074005, 0.00043155475699626061},
	{"directed", "trust", 9, 4.25, 8, 2.9791666666666665, 1.2708333333333335, 0.83420573861719671, 1.7074609280494704, 6.2037717381723985, 14.998677562119436, 1.6890342617576043e-05},
	{"directed", "role_clarity", 9, 4.1111111111111107, 8, 2.875, 1.2361111111111107, 0.80899133480321272, 1.6632308874190089, 6.1710396830056728, 14.930756526240533, 1.8268515138382782e-05},
	{"directed", "shared_goals", 9, 4.1018518518518521, 8, 2.9375, 1.1643518518518521, 0.7382414987588648, 1.5904622049448394, 5.8650026317482506, 13.890275153579271, 4.2432886369899078e-05},
	{"directed", "health", 9, 4.1226851851851851, 8, 2.9505208333333335, 1.1721643518518516, 1.0056247467823802, 1.338703956921323, 15.271515375512262, 12.469047918496383, 1.9236825507290659e-09},
	{"layers", "communication", 5, 3.8999999999999999, 7, 3.1071428571428572, 0.7928571428571427, 0.15597251762460601, 1.4297417680896796, 2.8329911173800126, 8.6621316441362612, 0.020371763235298976},
	{"layers", "trust", 5, 3.8500000000000001, 7, 3.7380952380952381, 0.11190476190476195, -0.99392486137100189, 1.2177343851805258, 0.23069122860873689, 8.5680055512934707, 0.82296842923220015},
	{"layers", "role_clarity", 5, 3.5499999999999998, 7, 3.5357142857142856, 0.014285714285714235, -0.99187474263387254, 1.020446171205301, 0.032270503998511738, 8.730384878203763, 0.97498201680513463},
	{"layers", "shared_goals", 5, 3.4500000000000002, 7, 3.5, -0.049999999999999822, -1.1955157154733687, 1.095515715473369, -0.1040822674162513, 6.7224831873208801, 0.92014088845069764},
	{"layers", "health", 5, 3.6875, 7, 3.4702380952380953, 0.21726190476190466, -0.62105577520235966, 1.0555795847261689, 0.58665487130505378, 8.9614376489468341, 0.5719155236257023},
}

// gapsOf aggregates responses and computes their gaps with k = 5.
func runGaps(t *testing.T, cb *survey.Codebook, responses []*survey.Response, opt GapOptions) []Gap {
	t.Helper()
	agg, rel := NewAggregator(cb), NewRelationAggregator(cb, false)
	for _, r := range responses {
		agg.Add(r)
		rel.Add(r)
	}
	return slices.Collect(rel.Seams(agg.Result(Options{MinGroup: 5, Bands: DefaultBands()}), SeamOptions{Gaps: opt}).Gaps.All())
}

func findGap(gaps []Gap, kind GapKind, dim string) *Gap {
	for i := range gaps {
		if gaps[i].Kind == kind && gaps[i].Dimension == dim {
			return &gaps[i]
		}
	}
	return nil
}

func checkGapAgainstR(t *testing.T, g *Gap, ref gapRef) {
	t.Helper()
	if g == nil {
		t.Fatal("no such gap")
	}
	if g.A.N != ref.nA || g.B.N != ref.nB || g.Suppressed() {
		t.Fatalf("n %d and %d (suppressed %v), want %d and %d", g.A.N, g.B.N, g.Suppressed(), ref.nA, ref.nB)
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"mean a", g.A.Mean, ref.meanA}, {"mean b", g.B.Mean, ref.meanB}, {"diff", g.Diff, ref.diff},
		{"ci low", g.CILow, ref.ciLow}, {"ci high", g.CIHigh, ref.ciHigh},
		{"t", g.T, ref.t}, {"df", g.DF, ref.df}, {"p", g.P, ref.p},
	} {
		if !near(c.got, c.want, tolerance) {
			t.Errorf("%s = %.17g, R says %.17g", c.name, c.got, c.want)
		}
	}
}

func TestGapsAgreeWithR(t *testing.T) {
	cb := survey.BuiltinCodebook()
	responses := mustReadResponses(t, "testdata/gaps_responses.csv", cb)
	gaps := runGaps(t, cb, responses, DefaultGapOptions())
	for _, ref := range gapRefs {
		t.Run(ref.kind+"/"+ref.dimension, func(t *testing.T) {
			g := findGap(gaps, GapKind(ref.kind), ref.dimension)
			checkGapAgainstR(t, g, ref)
			if ref.kind == "directed" && (g.A.Group != "Clinic" || g.A.Partner != "Office" || g.B.Group != "Office" || g.B.Partner != "Clinic") {
				t.Errorf("sides %+v and %+v, want Clinic→Office and Office→Clinic", g.A, g.B)
			}
		})
	}
	t.Run("NoOrgViewWithPartners", func(t *testing.T) {
		if g := findGap(gaps, GapOrgs, "health"); g != nil {
			t.Errorf("responses name partners, yet an org view was computed: %+v", g)
		}
	})
	t.Run("OneWaveIsNoFlag", func(t *testing.T) {
		for _, g := range gaps {
			if g.Flag != "" {
				t.Errorf("%s %s flagged %s in its only wave", g.Kind, g.Dimension, g.Flag)
			}
		}
	})
}

// Without a partner column, the two member orgs' views are compared: here the same
// respondents as the directed views, so R's numbers are the same.
func TestOrgViewsWithoutPartner(t *testing.T) {
	cb := survey.BuiltinCodebook()
	responses := mustReadResponses(t, "testdata/gaps_responses.csv", cb)
	for _, r := range responses {
		r.Partner = ""
	}
	gaps := runGaps(t, cb, responses, DefaultGapOptions())
	for _, ref := range gapRefs[:5] {
		t.Run(ref.dimension, func(t *testing.T) {
			checkGapAgainstR(t, findGap(gaps, GapOrgs, ref.dimension), ref)
		})
	}
	if g := findGap(gaps, GapDirected, "health"); g != nil {
		t.Errorf("a directed view without partners: %+v", g)
	}
}

// Two waves with the same gap flag it in both; a third wave without it is not flagged.
func TestGapFlagNeedsTwoReportedWaves(t *testing.T) {
	cb := survey.BuiltinCodebook()
	base := mustReadResponses(t, "testdata/gaps_responses.csv", cb)
	var responses []*survey.Response
	for _, w := range []string{"2026Q1", "2026Q2", "2026Q3"} {
		for _, r := range base {
			c := *r
			c.Wave = mustParseWave(t, w)
			if w == "2026Q3" && c.Org == "Office" {
				c.Answers = append([]int8(nil), base[0].Answers...) // Office now answers like Clinic's first respondent
			}
			responses = append(responses, &c)
		}
	}
	gaps := runGaps(t, cb, responses, DefaultGapOptions())
	got := map[string]Flag{}
	for _, g := range gaps {
		if g.Kind == GapDirected && g.Dimension == "health" {
			got[waveLabel(g.Wave)] = g.Flag
		}
	}
	want := map[string]Flag{"2026Q1": FlagAsymmetric, "2026Q2": FlagAsymmetric, "2026Q3": ""}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("health flags by wave %v, want %v", got, want)
	}
	t.Run("BelowMinGapNotFlagged", func(t *testing.T) {
		for _, g := range runGaps(t, cb, responses, GapOptions{MinGap: 1.5, Adjust: stats.AdjustBH}) {
			if g.Flag != "" {
				t.Errorf("%v %s: a gap of %.2f flagged with a minimum of 1.5", g.Wave, g.Dimension, g.Diff)
			}
		}
	})
}

// welchDiff returns mean(a) − mean(b) with the 95% CI, t, df and two-sided p of
// Welch's t test, as a gap's compare, test and finish make them: R's t.test(a, b).
// The test statistics are NaN when a group has fewer than two values or neither
// varies.
func welchDiff(a, b GapSide) (diff, lo, hi, t, df, p float64) {
	g := Gap{A: a, B: b}
	g.compare()
	g.finish(g.test())
	return g.Diff, g.CILow, g.CIHigh, g.T, g.DF, g.P
}

func TestWelchDiffDegenerate(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b GapSide
	}{
		{"NaNWithOneValue", GapSide{N: 1, Mean: 3}, GapSide{N: 5, Mean: 2, SD: 1}},
		{"NaNWithoutSpread", GapSide{N: 5, Mean: 3}, GapSide{N: 5, Mean: 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			diff, lo, hi, tt, df, p := welchDiff(tc.a, tc.b)
			if diff != 1 || !math.IsNaN(lo) || !math.IsNaN(hi) || !math.IsNaN(tt) || !math.IsNaN(df) || !math.IsNaN(p) {
				t.Errorf("got %v %v %v %v %v %v, want the difference 1 and NaN statistics", diff, lo, hi, tt, df, p)
			}
		})
	}
}

// cellsOf makes the cells of one partnership and wave with one variable: org, partner,
// n; a cell with both org and partner is directed.
func cellsOf(specs ...any) []relationEntry {
	var out []relationEntry
	for i := 0; i < len(specs); i += 3 {
		org, partner, n := specs[i].(string), specs[i+1].(string), specs[i+2].(int)
		c := &relationCell{n: []int32{int32(n)}}
		if directed(org, partner) {
			c.hist = []histogram{newHistogram(4)}
		}
		out = append(out, relationEntry{org: org, partner: partner, cell: c})
	}
	return out
}

func TestHideDirected(t *testing.T) {
	const k = 5
	N, F, C := NotSuppressed, FewerThanK, Complementary
	for _, tc := range []struct {
		name      string
		cells     []relationEntry
		published []string // orgs whose rows scores.csv publishes
		want      []Suppression
	}{
		{"AllShown", cellsOf("A", "B", 6, "B", "A", 7), []string{"A", "B"}, []Suppression{N, N}},
		{"SmallHidden", cellsOf("A", "B", 6, "A", "C", 5, "B", "A", 4), []string{"A"}, []Suppression{N, N, F}},
		// A (published, 10) = A→B 6 + A→C 4: A→C is hidden, so A→B would reveal it.
		{"OrgRemainderHidesSibling", cellsOf("A", "B", 6, "A", "C", 4, "B", "A", 8), []string{"A", "B"}, []Suppression{C, F, N}},
		// Responses without a partner count in their org's remainder: 6 + 2 = 8 ≥ k.
		{"NoPartnerRowsFillRemainder", cellsOf("A", "", 2, "A", "B", 6, "A", "C", 3, "B", "A", 8), []string{"A", "B"}, []Suppression{N, N, F, N}},
		// B is hidden in scores.csv (complementary, say): the pool is B and C (8 + 2).
		// Publishing B→A (8) leaves C's 2 respondents as the pool's remainder.
		{"PoolOfHiddenOrgs", cellsOf("A", "B", 9, "B", "A", 8, "C", "A", 2), []string{"A"}, []Suppression{N, C, F}},
		// Respondents without an org are in the pool too.
		{"NoOrgInPool", cellsOf("", "A", 3, "A", "B", 9, "B", "A", 8), []string{"A", "B"}, []Suppression{N, N, N}},
		{"NoOrgRemainder", cellsOf("", "A", 3, "A", "B", 9, "B", "A", 8), []string{"A"}, []Suppression{N, N, C}},
		{"SelfRatingIsNotDirected", cellsOf("A", "A", 2, "A", "B", 6), []string{"A"}, []Suppression{N, C}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := hideDirected(tc.cells, 0, k, func(org string) bool {
				for _, o := range tc.published {
					if o == org {
						return true
					}
				}
				return false
			})
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestLayerOf(t *testing.T) {
	for role, want := range map[string]Layer{"Top": LayerTop, "管理職": LayerTop, "middle": LayerMiddle, "Front-line": LayerFrontline, "現場": LayerFrontline, "board": ""} {
		if got := LayerOf(role); got != want {
			t.Errorf("LayerOf(%q) = %q, want %q", role, got, want)
		}
	}
}

// Relation aggregators fed with two halves of the data merge into the aggregator of
// the whole.
func TestRelationAggregatorMerge(t *testing.T) {
	cb := survey.BuiltinCodebook()
	responses := mustReadResponses(t, "testdata/gaps_responses.csv", cb)
	whole, first, second := NewRelationAggregator(cb, true), NewRelationAggregator(cb, true), NewRelationAggregator(cb, true)
	agg := NewAggregator(cb)
	for i, r := range responses {
		whole.Add(r)
		agg.Add(r)
		if i%2 == 0 {
			first.Add(r)
		} else {
			second.Add(r)
		}
	}
	second.Merge(first)
	res := agg.Result(Options{MinGroup: 5, Bands: DefaultBands()})
	roster := &survey.Roster{Partnerships: []survey.RosterPartnership{{ID: "aozora", Members: []survey.RosterMember{{Org: "Clinic", Expected: 10}, {Org: "Office", Expected: 10}}}}}
	opt := SeamOptions{Gaps: DefaultGapOptions(), Roster: roster, Actions: survey.BuiltinActions(), Lang: "en"}
	if a, b := whole.Seams(res, opt), second.Seams(res, opt); !sameSeams(a, b) {
		t.Error("the merged aggregator's seams differ from the whole's")
	}
	if a, b := whole.ResponseRates(roster, 5), second.ResponseRates(roster, 5); !reflect.DeepEqual(a, b) || len(a) != 3 {
		t.Errorf("response rates: merged %+v, whole %+v", b, a)
	}
	if a, b := whole.Members(), second.Members(); !reflect.DeepEqual(a, b) {
		t.Errorf("members: merged %v, whole %v", b, a)
	}
}

// sameSeams reports whether a and b are the same: their gaps row by row (a table
// holds a function; NaN ≠ NaN for DeepEqual, so rows are compared as text), the rest
// deeply.
func sameSeams(a, b *Seams) bool {
	ga, gb := fmt.Sprintf("%#v", slices.Collect(a.Gaps.All())), fmt.Sprintf("%#v", slices.Collect(b.Gaps.All()))
	fa, fb := fmt.Sprintf("%#v", a.Flagged), fmt.Sprintf("%#v", b.Flagged)
	ra, rb := *a, *b
	ra.Gaps, rb.Gaps, ra.Flagged, rb.Flagged = nil, nil, nil, nil
	return ga == gb && fa == fb && reflect.DeepEqual(ra, rb)
}
