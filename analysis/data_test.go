package analysis

import (
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"renkei/survey"
)

// respondentRef is one response's reference scores from testdata/reference.R: the
// dimension scores in codebook order and the health index, NaN when missing.
type respondentRef struct {
	dims   []float64
	health float64
}

// groupRef is the reference row of one group and dimension from testdata/reference.R.
type groupRef struct {
	partnership, wave string
	breakdown         Breakdown
	group, dimension  string
	n                 int
	mean, sd          float64
	ciLow, ciHigh     float64
	median, favorable float64
	band              Band
	dist              []int
}

// histogramRef is a histogram (values with counts, read as min + value/den) and its
// reference moments from testdata/reference.R.
type histogramRef struct {
	name                   string
	max, den, min          int
	values, counts         []int
	mean, variance, median float64
}

// tolerance for values compared with R; DESIGN.md asks for agreement to 1e-6.
const tolerance = 1e-9

// near reports whether got agrees with want to within tol, absolutely for values up to
// 1 and relatively above; NaN agrees only with NaN.
func near(got, want, tol float64) bool {
	if math.IsNaN(want) || math.IsNaN(got) {
		return math.IsNaN(want) && math.IsNaN(got)
	}
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

func checkNear(t *testing.T, name string, got, want float64) {
	t.Helper()
	if !near(got, want, tolerance) {
		t.Errorf("%s = %.17g, want %.17g (R)", name, got, want)
	}
}

// mustCodebook reads a codebook CSV or fails the test.
func mustCodebook(tb testing.TB, text string) *survey.Codebook {
	tb.Helper()
	cb, err := survey.ReadCodebook(strings.NewReader(text), "test codebook")
	if err != nil {
		tb.Fatalf("ReadCodebook: %v", err)
	}
	return cb
}

// mustParseWave reads a label such as 2026Q1.
func mustParseWave(tb testing.TB, s string) survey.Wave {
	tb.Helper()
	var w survey.Wave
	if _, err := fmt.Sscanf(s, "%4dQ%1d", &w.Year, &w.Quarter); err != nil || w.Quarter < 1 || w.Quarter > 4 {
		tb.Fatalf("bad wave label %q", s)
	}
	return w
}

func waveLabel(w survey.Wave) string { return fmt.Sprintf("%dQ%d", w.Year, w.Quarter) }

// mustReadResponses reads a test data file with columns partnership, wave, org, role,
// optionally partner, and one column per item of cb (NA when missing). It deliberately does not use survey's
// Reader, so that these tests depend only on the Response type.
func mustReadResponses(tb testing.TB, path string, cb *survey.Codebook) []*survey.Response {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, name := range []string{"partnership", "wave", "org", "role"} {
		if _, ok := col[name]; !ok {
			tb.Fatalf("%s: no column %s", path, name)
		}
	}
	var out []*survey.Response
	for line, rec := range recs[1:] {
		r := &survey.Response{
			Line:        line + 2,
			Partnership: rec[col["partnership"]],
			Wave:        mustParseWave(tb, rec[col["wave"]]),
			Org:         rec[col["org"]],
			Role:        rec[col["role"]],
			Answers:     make([]int8, len(cb.Items)),
		}
		if c, ok := col["partner"]; ok {
			r.Partner = rec[c]
		}
		for i, it := range cb.Items {
			c, ok := col[it.ID]
			if !ok {
				tb.Fatalf("%s: no column for item %s", path, it.ID)
			}
			if rec[c] == "NA" {
				r.Answers[i] = survey.Missing
				continue
			}
			v, err := strconv.Atoi(rec[c])
			if err != nil || v < cb.Min || v > cb.Max {
				tb.Fatalf("%s:%d: item %s: bad answer %q", path, r.Line, it.ID, rec[c])
			}
			r.Answers[i] = int8(v)
		}
		out = append(out, r)
	}
	return out
}

// generateResponses makes n plausible responses to cb, deterministically from seed:
// a dozen partnerships over six waves, two orgs and up to three roles each, answers
// around a per-partnership level with about 6% missing.
func generateResponses(cb *survey.Codebook, n int, seed uint64) []*survey.Response {
	rng := rand.New(rand.NewPCG(seed, 0x72656e6b6569))
	orgs := []string{"agency", "hospital", "school", "city office", "npo", "care office"}
	roles := []string{"", "frontline", "middle", "top"}
	const partnerships = 12
	level := make([]float64, partnerships)
	for p := range level {
		level[p] = float64(cb.Min) + rng.Float64()*float64(cb.Max-cb.Min)
	}
	out := make([]*survey.Response, n)
	for i := range out {
		p := rng.IntN(partnerships)
		r := &survey.Response{
			Line:        i + 2,
			Partnership: fmt.Sprintf("p%02d", p),
			Wave:        survey.WaveFromIndex(2025*4 + rng.IntN(6)),
			Org:         orgs[(p+rng.IntN(2))%len(orgs)],
			Role:        roles[rng.IntN(len(roles))],
			Answers:     make([]int8, len(cb.Items)),
		}
		for j, it := range cb.Items {
			if rng.IntN(16) == 0 {
				r.Answers[j] = survey.Missing
				continue
			}
			v := int(math.Round(level[p] + rng.NormFloat64()))
			v = min(max(v, cb.Min), cb.Max)
			r.Answers[j] = int8(it.Score(v)) // reverse items are answered the other way round
		}
		out[i] = r
	}
	return out
}

// builtinData is the hand-made data set on the built-in codebook.
func builtinData(tb testing.TB) (*survey.Codebook, []*survey.Response) {
	tb.Helper()
	cb := survey.BuiltinCodebook()
	return cb, mustReadResponses(tb, "testdata/builtin_responses.csv", cb)
}

// customData is the hand-made data set on the custom 1–6 codebook.
func customData(tb testing.TB) (*survey.Codebook, []*survey.Response) {
	tb.Helper()
	cb := mustCodebook(tb, customCodebookCSV)
	return cb, mustReadResponses(tb, "testdata/custom_responses.csv", cb)
}

// aggregate feeds responses to a new aggregator.
func aggregate(cb *survey.Codebook, responses []*survey.Response) *Aggregator {
	a := NewAggregator(cb)
	for _, r := range responses {
		a.Add(r)
	}
	return a
}

// scoresOf collects the rows of res.
func scoresOf(res *Result) []GroupScore { return slices.Collect(res.Scores()) }

// resultView is what a renderer can read from a Result: its exported fields and rows.
type resultView struct {
	Codebook     *survey.Codebook
	MinGroup     int
	Bands        Bands
	Responses    int
	Partnerships []string
	Waves        []survey.Wave
	Dimensions   []string
	Scores       []GroupScore
	ItemAnswers  [][]ItemAnswers // per whole-partnership group, in score order
}

func viewOf(res *Result) resultView {
	return resultView{
		Codebook:     res.Codebook,
		MinGroup:     res.MinGroup,
		Bands:        res.Bands,
		Responses:    res.Responses,
		Partnerships: res.Partnerships,
		Waves:        res.Waves,
		Dimensions:   res.Dimensions(),
		Scores:       scoresOf(res),
		ItemAnswers:  itemAnswersOf(res),
	}
}

// itemAnswersOf collects the item answers of every whole-partnership group of res.
func itemAnswersOf(res *Result) [][]ItemAnswers {
	var out [][]ItemAnswers
	for s := range res.Scores() {
		if s.Breakdown == BreakdownAll && s.Dimension == survey.HealthDimension {
			items, _ := res.ItemAnswers(s.Partnership, s.Wave)
			out = append(out, items)
		}
	}
	return out
}

func TestGenerateResponsesIsDeterministic(t *testing.T) {
	cb := survey.BuiltinCodebook()
	a, b := generateResponses(cb, 50, 7), generateResponses(cb, 50, 7)
	for i := range a {
		if fmt.Sprint(*a[i]) != fmt.Sprint(*b[i]) {
			t.Fatalf("response %d differs between two runs with the same seed", i)
		}
	}
}
