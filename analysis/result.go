package analysis

import (
	"cmp"
	"fmt"
	"iter"
	"math"
	"slices"
	"sort"

	"renkei/analysis/disclosure"
	"renkei/stats"
	"renkei/survey"
)

// MinGroupFloor is the smallest group size that may ever be published.
const MinGroupFloor = 3

// DefaultMinGroup is the default minimum group size k.
const DefaultMinGroup = 5

// Options configure the computation of results.
type Options struct {
	MinGroup int   // k: groups with fewer respondents are suppressed; at least MinGroupFloor
	Bands    Bands // band thresholds on a 1–5 scale
}

// Validate checks the options.
func (o Options) Validate() error {
	if o.MinGroup < MinGroupFloor {
		return fmt.Errorf("the minimum group size must be at least %d, got %d", MinGroupFloor, o.MinGroup)
	}
	return o.Bands.Validate()
}

// Stats describes the respondent scores of one group on one dimension.
type Stats struct {
	N            int     // respondents with a score
	Mean         float64 // mean score on the answer scale
	SD           float64 // sample standard deviation (n−1)
	CILow        float64 // 95% confidence interval of the mean, t with n−1 df
	CIHigh       float64
	Median       float64
	Favorable    float64 // share of the answered items in the top two scale points, 0–1
	Band         Band
	Distribution []int // answered items per scale point after reverse-coding, lowest first
}

// GroupScore is the result for one partnership, wave, group and dimension.
type GroupScore struct {
	Partnership string
	Wave        survey.Wave
	Breakdown   Breakdown
	Group       string // the org or role; empty for BreakdownAll
	Dimension   string // a dimension id, or survey.HealthDimension
	// Suppressed is set when the group's statistics must not be published, for the
	// reason in Suppression; Stats is then empty.
	Suppressed  bool
	Suppression Suppression
	Stats
}

// Result is everything one run computes, render-neutral: renderers format and round.
//
// A Result keeps the exact partial results of its groups, not a table of rows: the
// statistics of Scores are computed as the sequence is read. Memory therefore stays
// proportional to the number of groups however many rows a renderer writes. A Result
// is not safe for concurrent use.
type Result struct {
	Codebook     *survey.Codebook
	MinGroup     int
	Bands        Bands
	Responses    int           // responses scored
	Partnerships []string      // sorted
	Waves        []survey.Wave // chronological

	agg    *Aggregator
	groups []resultGroup      // in score order
	vars   int                // dimensions and health
	n      []int32            // per group and variable: respondents scored
	supp   []Suppression      // per group and variable
	sets   []disclosure.SetID // per group and variable, once registered (RegisterSets)
	tq     stats.TQuantiles
}

// resultGroup is one group's identity and where its partial result lies. Names are
// ids in the aggregator's tables: a Result of a hundred thousand groups stays small.
type resultGroup struct {
	partnership int32
	group       int32 // org or role id; 0 for BreakdownAll
	wave        int32 // survey.Wave.Index
	breakdown   uint8 // index into breakdowns
	ref         groupHandle
}

func (r *Result) partnershipName(g *resultGroup) string {
	return r.agg.partnerships.names[g.partnership]
}

func (r *Result) groupName(g *resultGroup) string {
	return r.agg.groupName(groupKey{breakdown: g.breakdown, group: g.group})
}

// count returns the scored respondents of group i on variable v.
func (r *Result) count(i, v int) int { return int(r.n[i*r.vars+v]) }

// suppression returns the suppression of group i on variable v.
func (r *Result) suppression(i, v int) *Suppression { return &r.supp[i*r.vars+v] }

// Dimensions returns the dimension ids of the results, health last.
func (r *Result) Dimensions() []string {
	ids := make([]string, 0, len(r.Codebook.Dimensions)+1)
	for _, d := range r.Codebook.Dimensions {
		ids = append(ids, d.ID)
	}
	return append(ids, survey.HealthDimension)
}

// Scores yields the score of every group and dimension, ordered by partnership, wave
// (chronological), breakdown (all, org, role), group, and dimension (codebook order,
// health last). A group with fewer than MinGroup scored respondents on a dimension, or
// one that would reveal such a group by subtraction, is yielded Suppressed, with empty
// Stats.
func (r *Result) Scores() iter.Seq[GroupScore] { return r.ScoresOf(0, len(r.groups)) }

// Groups returns the number of groups whose scores Scores yields, each once per
// dimension and health.
func (r *Result) Groups() int { return len(r.groups) }

// ScoresOf yields the scores of groups first to last−1 (in the order of Scores).
// Iterators over any groups may run concurrently, so that a renderer can compute and
// format parts of a large table at once.
func (r *Result) ScoresOf(first, last int) iter.Seq[GroupScore] {
	return r.scoresOf(first, last, false)
}

// scoresOf is ScoresOf; light scores hold N, Mean, SD and Band alone.
func (r *Result) scoresOf(first, last int, light bool) iter.Seq[GroupScore] {
	return func(yield func(GroupScore) bool) {
		dims := r.Dimensions()
		sc := statsScratch{light: light}
		for i := first; i < last; i++ {
			for d, dim := range dims {
				if !yield(r.score(i, d, dim, &sc)) {
					return
				}
			}
		}
	}
}

// partnershipSpans splits the groups into spans of up to n partnerships each: [first,
// last) group indices, in order, a partnership's groups all in one span.
func (r *Result) partnershipSpans(n int) [][2]int {
	var spans [][2]int
	first, count := 0, 0
	for i := range r.groups {
		if i > 0 && r.groups[i].partnership != r.groups[i-1].partnership {
			if count++; count == n {
				spans = append(spans, [2]int{first, i})
				first, count = i, 0
			}
		}
	}
	if first < len(r.groups) {
		spans = append(spans, [2]int{first, len(r.groups)})
	}
	return spans
}

// Result freezes the aggregator's partial results into a Result; the aggregator must
// not be used afterwards.
func (a *Aggregator) Result(opt Options) *Result {
	res := &Result{
		Codebook:  a.cb,
		MinGroup:  opt.MinGroup,
		Bands:     opt.Bands,
		Responses: a.responses,
		agg:       a,
	}
	type keyed struct {
		key groupKey
		ref groupHandle
	}
	keys := make([]keyed, 0, len(a.index))
	waves := map[int32]bool{}
	for k, ref := range a.index {
		keys = append(keys, keyed{k, ref})
		waves[k.wave] = true
	}
	// By partnership, wave, breakdown and group name: names ranked once, then compared
	// as numbers.
	pRank, orgRank, roleRank := a.partnerships.ranks(), a.orgs.ranks(), a.roles.ranks()
	rank := func(k groupKey) int32 {
		switch breakdowns[k.breakdown] {
		case BreakdownOrg:
			return orgRank[k.group]
		case BreakdownRole:
			return roleRank[k.group]
		}
		return -1
	}
	slices.SortFunc(keys, func(x, y keyed) int {
		if c := cmp.Compare(pRank[x.key.partnership], pRank[y.key.partnership]); c != 0 {
			return c
		}
		if c := cmp.Compare(x.key.wave, y.key.wave); c != 0 {
			return c
		}
		if c := cmp.Compare(x.key.breakdown, y.key.breakdown); c != 0 {
			return c
		}
		return cmp.Compare(rank(x.key), rank(y.key))
	})
	for w := range waves {
		res.Waves = append(res.Waves, survey.WaveFromIndex(int(w)))
	}
	sort.Slice(res.Waves, func(i, j int) bool { return res.Waves[i].Less(res.Waves[j]) })
	res.Partnerships = append([]string(nil), a.partnerships.names...)
	sort.Strings(res.Partnerships)
	res.vars = len(a.cb.Dimensions) + 1
	res.groups = make([]resultGroup, len(keys))
	res.n = make([]int32, len(keys)*res.vars)
	res.supp = make([]Suppression, len(keys)*res.vars)
	for i, kr := range keys {
		k, ref := kr.key, kr.ref
		res.groups[i] = resultGroup{partnership: k.partnership, group: k.group, wave: k.wave, breakdown: k.breakdown, ref: ref}
		for v := range res.vars {
			res.n[i*res.vars+v] = int32(a.store(ref).count(ref.local(), v))
		}
	}
	a.index = nil
	res.suppress(opt.MinGroup)
	res.tq = stats.NewTQuantiles(res.n)
	return res
}

func (a *Aggregator) groupName(k groupKey) string {
	switch breakdowns[k.breakdown] {
	case BreakdownOrg:
		return a.orgs.names[k.group]
	case BreakdownRole:
		return a.roles.names[k.group]
	}
	return ""
}

// statsScratch holds the buffers of stats, reused from group to group.
type statsScratch struct {
	values, counts []int
	// light asks for N, Mean, SD and Band alone: the rest of Stats stays zero (the
	// seams compare means and spreads, and band them).
	light bool
}

// stats describes dimension d (or health, d = number of dimensions) of group ref.
func (a *Aggregator) stats(ref groupHandle, d int, bands Bands, tq stats.TQuantiles, sc *statsScratch) Stats {
	cb := a.cb
	st := a.store(ref)
	g := ref.local()
	sc.values, sc.counts = st.bins(g, d, sc.values[:0], sc.counts[:0])
	den := a.scorer.Denominator
	if d == len(cb.Dimensions) {
		den = a.scorer.HealthDenominator()
	}
	n := 0
	for _, c := range sc.counts {
		n += c
	}
	mean, variance := moments(sc.values, sc.counts, n, den, cb.Min)
	s := Stats{N: n, Mean: mean, SD: math.Sqrt(variance)}
	s.Band = bands.Of(s.Mean, cb.Min, cb.Max)
	if sc.light {
		return s
	}
	s.Median = median(sc.values, sc.counts, n, den, cb.Min)
	s.CILow, s.CIHigh = tq.MeanCI(s.Mean, s.SD, s.N)
	s.Distribution = make([]int, cb.Points())
	for dd := range cb.Dimensions {
		if dd != d && d < len(cb.Dimensions) {
			continue
		}
		st.addDist(g, dd, s.Distribution)
	}
	s.Favorable = favorable(s.Distribution)
	return s
}

func allItems(cb *survey.Codebook) []int {
	items := make([]int, len(cb.Items))
	for i := range items {
		items[i] = i
	}
	return items
}

// favorable returns the share of answers in the top two scale points.
func favorable(dist []int) float64 {
	total := 0
	for _, c := range dist {
		total += c
	}
	if total == 0 || len(dist) < 2 {
		return math.NaN()
	}
	return float64(dist[len(dist)-1]+dist[len(dist)-2]) / float64(total)
}
