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

// groupAcc is the partial result of one group: per variable (each dimension, then
// health) a histogram of respondent scores, and counts of every item's raw answers.
// All counts live in one block of counters laid out by a layout; only a variable
// whose range is too wide for a flat array (layout.bins 0) keeps a map instead.
type groupAcc struct {
	block  counters
	n      []int32             // respondents scored, per variable
	sparse []map[uint32]uint32 // per variable; nil unless the layout has sparse variables
}

// layout places the counts of a group in its block.
type layout struct {
	offset  []int // per variable: first counter of its histogram
	bins    []int // per variable: histogram size, 0 when kept sparse
	answers int   // first counter of the item answers (item·points + answer − min)
	size    int
	sparse  bool // some variable is kept sparse
}

func newLayout(cb *survey.Codebook, sc *Scorer) layout {
	var l layout
	for v := 0; v <= len(cb.Dimensions); v++ {
		max := sc.DimensionMax()
		if v == len(cb.Dimensions) {
			max *= len(cb.Dimensions)
		}
		bins := max + 1
		if max >= denseLimit {
			bins = 0
			l.sparse = true
		}
		l.offset = append(l.offset, l.size)
		l.bins = append(l.bins, bins)
		l.size += bins
	}
	l.answers = l.size
	l.size += len(cb.Items) * cb.Points()
	return l
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
	layout       layout
	responses    int
	dims         []int           // scratch
	reliability  reliabilitySums // per wave and dimension, for reliability.go
}

// NewAggregator returns an empty aggregator for responses to cb.
func NewAggregator(cb *survey.Codebook) *Aggregator {
	sc := NewScorer(cb)
	return &Aggregator{
		cb:     cb,
		scorer: sc,
		groups: map[groupKey]*groupAcc{},
		layout: newLayout(cb, sc),
		dims:   make([]int, len(cb.Dimensions)),

		reliability: newReliabilitySums(cb),
	}
}

// Add accumulates one response. It keeps no reference to r.
func (a *Aggregator) Add(r *survey.Response) {
	a.responses++
	a.reliability.add(int32(r.Wave.Index()), r.Answers)
	health := a.scorer.Score(r.Answers, a.dims)
	key := groupKey{partnership: a.partnerships.id(r.Partnership), wave: int32(r.Wave.Index())}
	a.group(key).add(&a.layout, r.Answers, a.dims, health, a.cb)
	if r.Org != "" {
		key.breakdown, key.group = 1, a.orgs.id(r.Org)
		a.group(key).add(&a.layout, r.Answers, a.dims, health, a.cb)
	}
	if r.Role != "" {
		key.breakdown, key.group = 2, a.roles.id(r.Role)
		a.group(key).add(&a.layout, r.Answers, a.dims, health, a.cb)
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
		block: newCounters(a.layout.size),
		n:     make([]int32, len(a.layout.bins)),
	}
	if a.layout.sparse {
		g.sparse = make([]map[uint32]uint32, len(a.layout.bins))
		for v, bins := range a.layout.bins {
			if bins == 0 {
				g.sparse[v] = map[uint32]uint32{}
			}
		}
	}
	return g
}

func (g *groupAcc) count(l *layout, v, value int) {
	g.n[v]++
	if l.bins[v] == 0 {
		g.sparse[v][uint32(value)]++
		return
	}
	g.block.inc(l.offset[v] + value)
}

func (g *groupAcc) add(l *layout, answers []int8, dims []int, health int, cb *survey.Codebook) {
	for d, s := range dims {
		if s >= 0 {
			g.count(l, d, s)
		}
	}
	if health >= 0 {
		g.count(l, len(dims), health)
	}
	points := cb.Points()
	for i, v := range answers {
		if v != survey.Missing {
			g.block.inc(l.answers + i*points + int(v) - cb.Min)
		}
	}
}

func (g *groupAcc) merge(o *groupAcc) {
	g.block.add(&o.block)
	for v := range g.n {
		g.n[v] += o.n[v]
	}
	for v, m := range o.sparse {
		for value, c := range m {
			g.sparse[v][value] += c
		}
	}
}

// histogram returns a copy of variable v's histogram.
func (g *groupAcc) histogram(l *layout, v int) histogram {
	if l.bins[v] == 0 {
		return histogram{sparse: g.sparse[v], n: int(g.n[v])}
	}
	h := histogram{dense: counters{wide: make([]uint32, l.bins[v])}, n: int(g.n[v])}
	for i := range h.dense.wide {
		h.dense.wide[i] = g.block.get(l.offset[v] + i)
	}
	return h
}

// Merge adds the partial results of o, an aggregator of the same codebook fed with
// other responses.
func (a *Aggregator) Merge(o *Aggregator) {
	a.responses += o.responses
	a.reliability.merge(&o.reliability)
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
