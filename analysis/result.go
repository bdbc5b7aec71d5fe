package analysis

import (
	"fmt"
	"iter"
	"math"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"

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
	groups []resultGroup // in score order
	tq     tQuantiles
}

// resultGroup is one group's identity and partial result.
type resultGroup struct {
	partnership string
	group       string
	wave        survey.Wave
	breakdown   Breakdown
	acc         *groupAcc
	suppression []Suppression // per variable
}

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
func (r *Result) Scores() iter.Seq[GroupScore] {
	return func(yield func(GroupScore) bool) {
		dims := r.Dimensions()
		for i := range r.groups {
			for d, dim := range dims {
				if !yield(r.score(&r.groups[i], d, dim)) {
					return
				}
			}
		}
	}
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
		tq:        tQuantiles{},
	}
	keys := make([]groupKey, 0, len(a.groups))
	waves := map[int32]bool{}
	for k := range a.groups {
		keys = append(keys, k)
		waves[k.wave] = true
	}
	sort.Slice(keys, func(i, j int) bool { return a.lessKey(keys[i], keys[j]) })
	for w := range waves {
		res.Waves = append(res.Waves, survey.WaveFromIndex(int(w)))
	}
	sort.Slice(res.Waves, func(i, j int) bool { return res.Waves[i].Less(res.Waves[j]) })
	res.Partnerships = append([]string(nil), a.partnerships.names...)
	sort.Strings(res.Partnerships)
	res.groups = make([]resultGroup, len(keys))
	for i, k := range keys {
		res.groups[i] = resultGroup{
			partnership: a.partnerships.names[k.partnership],
			group:       a.groupName(k),
			wave:        survey.WaveFromIndex(int(k.wave)),
			breakdown:   breakdowns[k.breakdown],
			acc:         a.groups[k],
		}
	}
	a.groups = nil
	res.suppress(opt.MinGroup)
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

func (a *Aggregator) lessKey(x, y groupKey) bool {
	if px, py := a.partnerships.names[x.partnership], a.partnerships.names[y.partnership]; px != py {
		return px < py
	}
	if x.wave != y.wave {
		return x.wave < y.wave
	}
	if x.breakdown != y.breakdown {
		return x.breakdown < y.breakdown
	}
	return a.groupName(x) < a.groupName(y)
}

// stats describes dimension d (or health, d = number of dimensions) of group g.
func (a *Aggregator) stats(g *groupAcc, d int, bands Bands, tq tQuantiles) Stats {
	cb := a.cb
	h := g.histogram(&a.layout, d)
	den := a.scorer.Denominator
	items := allItems(cb)
	if d < len(cb.Dimensions) {
		items = cb.Dimensions[d].Items
	} else {
		den = a.scorer.HealthDenominator()
	}
	mean, variance := h.moments(den, cb.Min)
	s := Stats{N: h.n, Mean: mean, SD: math.Sqrt(variance)}
	s.Median = h.median(den, cb.Min)
	s.CILow, s.CIHigh = meanCI(s.Mean, s.SD, s.N, tq)
	s.Band = bands.Of(s.Mean, cb.Min, cb.Max)
	s.Distribution = distribution(cb, &g.block, a.layout.answers, items)
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

// tQuantiles caches the 0.975 quantiles of Student's t by degrees of freedom: groups
// of equal size are common, and the quantile costs an inverse incomplete beta.
type tQuantiles map[int]float64

func (tq tQuantiles) q975(df int) float64 {
	q, ok := tq[df]
	if !ok {
		q = distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile(0.975)
		tq[df] = q
	}
	return q
}

// meanCI returns the 95% confidence interval of a mean, t with n−1 df: R's
// t.test(x)$conf.int.
func meanCI(mean, sd float64, n int, tq tQuantiles) (lo, hi float64) {
	if n < 2 {
		return math.NaN(), math.NaN()
	}
	half := tq.q975(n-1) * sd / math.Sqrt(float64(n))
	return mean - half, mean + half
}

// distribution counts the answers to items per scale point after reverse-coding.
func distribution(cb *survey.Codebook, block *counters, offset int, items []int) []int {
	points := cb.Points()
	dist := make([]int, points)
	for _, i := range items {
		for p := 0; p < points; p++ {
			q := p
			if cb.Items[i].Reverse {
				q = points - 1 - p
			}
			dist[q] += int(block.get(offset + i*points + p))
		}
	}
	return dist
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
