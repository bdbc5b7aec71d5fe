package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"renkei/survey"
)

// checkAgainstR compares every row of res with refs (testdata/reference.R): the same
// groups in the same order; rows of fewer than res.MinGroup respondents suppressed with
// empty Stats, the others equal to R's n, mean, sd, t.test CI, median, favourable share,
// band and distribution. It returns how many rows were suppressed.
func checkAgainstR(t *testing.T, res *Result, refs []groupRef) (suppressed int) {
	t.Helper()
	scores := scoresOf(res)
	if len(scores) != len(refs) {
		t.Fatalf("%d rows, R has %d", len(scores), len(refs))
	}
	for i, ref := range refs {
		got := scores[i]
		name := fmt.Sprintf("%s %s %s %q %s", ref.partnership, ref.wave, ref.breakdown, ref.group, ref.dimension)
		if got.Partnership != ref.partnership || waveLabel(got.Wave) != ref.wave || got.Breakdown != ref.breakdown ||
			got.Group != ref.group || got.Dimension != ref.dimension {
			t.Fatalf("row %d is %s %s %s %q %s, want %s", i, got.Partnership, waveLabel(got.Wave), got.Breakdown, got.Group, got.Dimension, name)
		}
		if ref.n < res.MinGroup {
			suppressed++
			if !got.Suppressed || !reflect.DeepEqual(got.Stats, Stats{}) {
				t.Errorf("%s: n = %d < %d, want suppressed with empty Stats, got Suppressed %v, %+v", name, ref.n, res.MinGroup, got.Suppressed, got.Stats)
			}
			continue
		}
		if got.Suppressed {
			// Large enough, hidden only so that a smaller group cannot be recovered by
			// subtraction (TestComplementarySuppression pins that rule).
			if got.Suppression != Complementary || !reflect.DeepEqual(got.Stats, Stats{}) {
				t.Errorf("%s: suppressed (%v) with n = %d ≥ %d", name, got.Suppression, ref.n, res.MinGroup)
			}
			continue
		}
		s := got.Stats
		if s.N != ref.n {
			t.Errorf("%s: n = %d, R %d", name, s.N, ref.n)
		}
		for _, f := range []struct {
			what      string
			got, want float64
		}{
			{"mean", s.Mean, ref.mean},
			{"sd", s.SD, ref.sd},
			{"ci low", s.CILow, ref.ciLow},
			{"ci high", s.CIHigh, ref.ciHigh},
			{"median", s.Median, ref.median},
			{"favourable", s.Favorable, ref.favorable},
		} {
			if !near(f.got, f.want, tolerance) {
				t.Errorf("%s: %s = %.17g, R %.17g (diff %.2g)", name, f.what, f.got, f.want, f.got-f.want)
			}
		}
		if s.Band != ref.band {
			t.Errorf("%s: band %s, want %s", name, s.Band, ref.band)
		}
		if !slices.Equal(s.Distribution, ref.dist) {
			t.Errorf("%s: distribution %v, R %v", name, s.Distribution, ref.dist)
		}
	}
	return suppressed
}

func TestGroupStatsAgainstR(t *testing.T) {
	tests := []struct {
		name     string
		data     func(testing.TB) (*survey.Codebook, []*survey.Response)
		refs     []groupRef
		minGroup int
	}{
		{"BuiltinMinGroup3", builtinData, builtinGroupRefs, 3},
		{"BuiltinMinGroup5", builtinData, builtinGroupRefs, 5},
		{"CustomMinGroup3", customData, customGroupRefs, 3},
		{"CustomMinGroup5", customData, customGroupRefs, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cb, responses := tt.data(t)
			res := aggregate(cb, responses).Result(Options{MinGroup: tt.minGroup, Bands: DefaultBands()})
			if res.Responses != len(responses) || res.MinGroup != tt.minGroup || res.Bands != DefaultBands() || res.Codebook != cb {
				t.Errorf("Result header: Responses %d, MinGroup %d, Bands %+v; want %d, %d, defaults, the codebook", res.Responses, res.MinGroup, res.Bands, len(responses), tt.minGroup)
			}
			suppressed := checkAgainstR(t, res, tt.refs)
			// Both outcomes must occur, or the test could not tell suppression from none.
			if suppressed == 0 || suppressed == len(tt.refs) {
				t.Errorf("%d of %d rows suppressed; the data should exercise both", suppressed, len(tt.refs))
			}
		})
	}
}

// TestSuppressionPerDimension pins the cases the data set was built for: in kita
// 2026Q1 five respondents answered, but one answered only one role-clarity item, so at
// k = 5 role clarity and health (n = 4) are suppressed while communication (n = 5) is
// shown; at k = 3 all are shown.
func TestSuppressionPerDimension(t *testing.T) {
	cb, responses := builtinData(t)
	find := func(res *Result, dim string) GroupScore {
		for s := range res.Scores() {
			if s.Partnership == "kita" && waveLabel(s.Wave) == "2026Q1" && s.Breakdown == BreakdownAll && s.Dimension == dim {
				return s
			}
		}
		t.Fatalf("no row kita 2026Q1 all %s", dim)
		return GroupScore{}
	}
	for _, tt := range []struct {
		k          int
		dim        string
		suppressed bool
		n          int
	}{
		{5, "communication", false, 5},
		{5, "role_clarity", true, 0},
		{5, survey.HealthDimension, true, 0},
		{3, "role_clarity", false, 4},
		{3, survey.HealthDimension, false, 4},
	} {
		got := find(aggregate(cb, responses).Result(Options{MinGroup: tt.k, Bands: DefaultBands()}), tt.dim)
		if got.Suppressed != tt.suppressed || got.N != tt.n {
			t.Errorf("k = %d, %s: Suppressed %v, N %d; want %v, %d", tt.k, tt.dim, got.Suppressed, got.N, tt.suppressed, tt.n)
		}
		if got.Suppressed && got.Distribution != nil {
			t.Errorf("k = %d, %s: a suppressed row carries a distribution %v", tt.k, tt.dim, got.Distribution)
		}
	}
}

// TestLongInstrumentVariance aggregates 200,000 responses to a long instrument, four
// dimensions of 16 items on 1–7, half answering 1 to everything and half 7. Every
// score is 1 or 7: mean 4, SD 3·√(n/(n−1)). The health numerators reach 1.7·10⁷, so
// the sum of their squares passes 2⁶⁴.
func TestLongInstrumentVariance(t *testing.T) {
	var text strings.Builder
	text.WriteString("item,dimension,reverse,min,max\n")
	for d := range 4 {
		for i := range 16 {
			fmt.Fprintf(&text, "d%di%d,dim%d,%v,1,7\n", d, i, d, i == 0)
		}
	}
	cb := mustCodebook(t, text.String())
	const n = 200_000
	a := NewAggregator(cb)
	r := &survey.Response{Partnership: "p", Wave: survey.Wave{Year: 2026, Quarter: 1}, Answers: make([]int8, len(cb.Items))}
	for i := range n {
		for j, it := range cb.Items {
			r.Answers[j] = int8(it.Score(1 + 6*(i%2)))
		}
		a.Add(r)
	}
	wantSD := 3 * math.Sqrt(float64(n)/float64(n-1))
	rows := 0
	for s := range a.Result(Options{MinGroup: 3, Bands: DefaultBands()}).Scores() {
		rows++
		if s.N != n || s.Mean != 4 || !near(s.SD, wantSD, 1e-14) || s.Median != 4 {
			t.Errorf("%s: n %d, mean %.17g, SD %.17g, median %g; want %d, 4, %.17g, 4", s.Dimension, s.N, s.Mean, s.SD, s.Median, n, wantSD)
		}
	}
	if rows != 5 {
		t.Errorf("%d rows, want 5", rows)
	}
}

// mergeData is the hand-made data set on the built-in codebook followed by generated
// responses.
func mergeData(t testing.TB) (*survey.Codebook, []*survey.Response) {
	cb, responses := builtinData(t)
	return cb, append(responses, generateResponses(cb, 800, 1)...)
}

// mergeDataCustom is the same on the custom 1–6 codebook, whose health histogram
// (0…1500) is too wide for a flat array and is kept sparse.
func mergeDataCustom(t testing.TB) (*survey.Codebook, []*survey.Response) {
	cb, responses := customData(t)
	return cb, append(responses, generateResponses(cb, 400, 2)...)
}

func shuffled(rng *rand.Rand, responses []*survey.Response) []*survey.Response {
	out := slices.Clone(responses)
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func TestMergeEqualsWhole(t *testing.T) {
	for _, set := range []struct {
		name string
		data func(testing.TB) (*survey.Codebook, []*survey.Response)
	}{{"Builtin", mergeData}, {"Custom", mergeDataCustom}} {
		t.Run(set.name, func(t *testing.T) {
			cb, responses := set.data(t)
			testMergeEqualsWhole(t, cb, responses)
		})
	}
}

func testMergeEqualsWhole(t *testing.T, cb *survey.Codebook, responses []*survey.Response) {
	opt := Options{MinGroup: 3, Bands: DefaultBands()}
	want := viewOf(aggregate(cb, responses).Result(opt))
	if len(want.Scores) < 100 {
		t.Fatalf("only %d rows; the data should have many groups", len(want.Scores))
	}

	t.Run("TwoShards", func(t *testing.T) {
		for _, split := range []int{0, 1, 7, len(responses) / 3, len(responses) / 2, len(responses) - 1, len(responses)} {
			a := aggregate(cb, responses[:split])
			a.Merge(aggregate(cb, responses[split:]))
			if got := viewOf(a.Result(opt)); !reflect.DeepEqual(got, want) {
				t.Errorf("split at %d: merged result differs from the whole", split)
			}
		}
	})

	t.Run("RandomShards", func(t *testing.T) {
		rng := rand.New(rand.NewPCG(2026, 1))
		for trial := range 20 {
			order := shuffled(rng, responses)
			shards := 2 + rng.IntN(7)
			cuts := []int{0, len(order)}
			for range shards - 1 {
				cuts = append(cuts, rng.IntN(len(order)+1))
			}
			slices.Sort(cuts)
			// Merge into a fresh aggregator, shards in random order.
			total := NewAggregator(cb)
			for _, s := range rng.Perm(len(cuts) - 1) {
				total.Merge(aggregate(cb, order[cuts[s]:cuts[s+1]]))
			}
			if total.Responses() != len(responses) {
				t.Errorf("trial %d: %d responses after merging, want %d", trial, total.Responses(), len(responses))
			}
			if got := viewOf(total.Result(opt)); !reflect.DeepEqual(got, want) {
				t.Errorf("trial %d: %d shards %v: merged result differs from the whole", trial, shards, cuts)
			}
		}
	})

	t.Run("MergeTree", func(t *testing.T) {
		// ((s0 + s1) + (s2 + s3)): merged aggregators merge again.
		q := len(responses) / 4
		s := make([]*Aggregator, 4)
		for i := range s {
			end := (i + 1) * q
			if i == 3 {
				end = len(responses)
			}
			s[i] = aggregate(cb, responses[i*q:end])
		}
		s[0].Merge(s[1])
		s[2].Merge(s[3])
		s[2].Merge(NewAggregator(cb))
		s[0].Merge(s[2])
		if got := viewOf(s[0].Result(opt)); !reflect.DeepEqual(got, want) {
			t.Error("merge tree result differs from the whole")
		}
	})

	t.Run("MergeDoesNotAlias", func(t *testing.T) {
		half := len(responses) / 2
		a, b := aggregate(cb, responses[:half]), aggregate(cb, responses[half:])
		a.Merge(b)
		for _, r := range responses[:50] {
			b.Add(r) // must not change a
		}
		if got := viewOf(a.Result(opt)); !reflect.DeepEqual(got, want) {
			t.Error("adding to a merged-in aggregator changed the aggregator it was merged into")
		}
	})
}

func TestAddOrderDoesNotMatter(t *testing.T) {
	cb, responses := mergeData(t)
	opt := Options{MinGroup: 5, Bands: DefaultBands()}
	want := viewOf(aggregate(cb, responses).Result(opt))
	rng := rand.New(rand.NewPCG(7, 7))
	for trial := range 5 {
		if got := viewOf(aggregate(cb, shuffled(rng, responses)).Result(opt)); !reflect.DeepEqual(got, want) {
			t.Errorf("trial %d: shuffled input gives a different result", trial)
		}
	}
	// One Response value reused for every row, as a streaming reader does: Add must
	// keep nothing of it.
	a := NewAggregator(cb)
	var buf survey.Response
	buf.Answers = make([]int8, len(cb.Items))
	for _, r := range responses {
		answers := buf.Answers
		buf = *r
		buf.Answers = answers
		copy(buf.Answers, r.Answers)
		a.Add(&buf)
	}
	for i := range buf.Answers {
		buf.Answers[i] = 1
	}
	if got := viewOf(a.Result(opt)); !reflect.DeepEqual(got, want) {
		t.Error("reusing one Response for every Add gives a different result")
	}
}

func benchmarkData(b *testing.B, n int) (*survey.Codebook, []*survey.Response) {
	b.Helper()
	cb := survey.BuiltinCodebook()
	return cb, generateResponses(cb, n, 42)
}

// BenchmarkAggregatorAdd measures one Add: ns/op is per response.
func BenchmarkAggregatorAdd(b *testing.B) {
	cb, responses := benchmarkData(b, 10_000)
	a := aggregate(cb, responses) // every group exists: measure the steady state
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a.Add(responses[i%len(responses)])
	}
}

// BenchmarkResult measures computing every group's statistics from an aggregator of
// 100,000 responses (12 partnerships × 6 waves, with org and role breakdowns): Result
// and one pass over its Scores. Result consumes its aggregator, so each iteration
// first gets a copy, untimed, by merging the prepared one into an empty aggregator.
func BenchmarkResult(b *testing.B) {
	cb, responses := benchmarkData(b, 100_000)
	base := aggregate(cb, responses)
	opt := Options{MinGroup: DefaultMinGroup, Bands: DefaultBands()}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		a := NewAggregator(cb)
		a.Merge(base)
		b.StartTimer()
		rows := 0
		for range a.Result(opt).Scores() {
			rows++
		}
		if rows == 0 {
			b.Fatal("no rows")
		}
	}
}
