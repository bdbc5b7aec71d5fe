package analysis

import (
	"strings"

	"renkei/survey"
)

// Breakdown names how a partnership's responses are split into groups.
type Breakdown string

// Breakdowns: the whole partnership, each member organisation, each role.
const (
	BreakdownAll  Breakdown = "all"
	BreakdownOrg  Breakdown = "org"
	BreakdownRole Breakdown = "role"
)

var breakdowns = [...]Breakdown{BreakdownAll, BreakdownOrg, BreakdownRole}

// strtab interns strings as small integers.
type strtab struct {
	index map[string]int32
	names []string
}

func (t *strtab) id(s string) int32 {
	if i, ok := t.index[s]; ok {
		return i
	}
	if t.index == nil {
		t.index = map[string]int32{}
	}
	i := int32(len(t.names))
	s = strings.Clone(s) // the reader reuses its buffers
	t.index[s] = i
	t.names = append(t.names, s)
	return i
}

// groupKey identifies one group: a partnership in a wave, whole or one org or role.
type groupKey struct {
	partnership int32
	wave        int32
	breakdown   uint8 // index into breakdowns
	group       int32 // org or role id; 0 for BreakdownAll
}

// groupAcc is the partial result of one group: a histogram of respondent scores per
// dimension and for health, and counts of every item's raw answers.
type groupAcc struct {
	responses int
	scores    []histogram // per dimension, then health
	answers   []uint32    // item·points + (answer − min)
}

// Aggregator accumulates responses into per-group partial results. Memory grows with
// the number of groups, not of responses; aggregators fed with disjoint parts of the
// data merge into exactly the aggregator of the whole.
type Aggregator struct {
	cb           *survey.Codebook
	scorer       *Scorer
	partnerships strtab
	orgs         strtab
	roles        strtab
	groups       map[groupKey]*groupAcc
	responses    int
	dims         []int // scratch
}

// NewAggregator returns an empty aggregator for responses to cb.
func NewAggregator(cb *survey.Codebook) *Aggregator {
	return &Aggregator{
		cb:     cb,
		scorer: NewScorer(cb),
		groups: map[groupKey]*groupAcc{},
		dims:   make([]int, len(cb.Dimensions)),
	}
}

// Add accumulates one response. It keeps no reference to r.
func (a *Aggregator) Add(r *survey.Response) {
	a.responses++
	health := a.scorer.Score(r.Answers, a.dims)
	key := groupKey{partnership: a.partnerships.id(r.Partnership), wave: int32(r.Wave.Index())}
	a.group(key).add(r.Answers, a.dims, health, a.cb)
	if r.Org != "" {
		key.breakdown, key.group = 1, a.orgs.id(r.Org)
		a.group(key).add(r.Answers, a.dims, health, a.cb)
	}
	if r.Role != "" {
		key.breakdown, key.group = 2, a.roles.id(r.Role)
		a.group(key).add(r.Answers, a.dims, health, a.cb)
	}
}

func (a *Aggregator) group(k groupKey) *groupAcc {
	g, ok := a.groups[k]
	if !ok {
		g = a.newGroup()
		a.groups[k] = g
	}
	return g
}

func (a *Aggregator) newGroup() *groupAcc {
	g := &groupAcc{
		scores:  make([]histogram, len(a.cb.Dimensions)+1),
		answers: make([]uint32, len(a.cb.Items)*a.cb.Points()),
	}
	for d := range a.cb.Dimensions {
		g.scores[d] = newHistogram(a.scorer.DimensionMax())
	}
	g.scores[len(a.cb.Dimensions)] = newHistogram(a.scorer.DimensionMax() * len(a.cb.Dimensions))
	return g
}

func (g *groupAcc) add(answers []int8, dims []int, health int, cb *survey.Codebook) {
	g.responses++
	for d, s := range dims {
		if s >= 0 {
			g.scores[d].add(s)
		}
	}
	if health >= 0 {
		g.scores[len(dims)].add(health)
	}
	points := cb.Points()
	for i, v := range answers {
		if v != survey.Missing {
			g.answers[i*points+int(v)-cb.Min]++
		}
	}
}

func (g *groupAcc) merge(o *groupAcc) {
	g.responses += o.responses
	for d := range g.scores {
		g.scores[d].merge(&o.scores[d])
	}
	for i, c := range o.answers {
		g.answers[i] += c
	}
}

// Merge adds the partial results of o, an aggregator of the same codebook fed with
// other responses.
func (a *Aggregator) Merge(o *Aggregator) {
	a.responses += o.responses
	tabs := [...]*strtab{nil, &a.orgs, &a.roles}
	otabs := [...]*strtab{nil, &o.orgs, &o.roles}
	for k, og := range o.groups {
		key := groupKey{
			partnership: a.partnerships.id(o.partnerships.names[k.partnership]),
			wave:        k.wave,
			breakdown:   k.breakdown,
		}
		if k.breakdown > 0 {
			key.group = tabs[k.breakdown].id(otabs[k.breakdown].names[k.group])
		}
		a.group(key).merge(og)
	}
}

// Responses returns the number of responses added.
func (a *Aggregator) Responses() int { return a.responses }
