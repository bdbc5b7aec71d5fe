package analysis

import (
	"slices"
	"strings"
	"sync"

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

// ranks returns, per id, the rank of its name among the table's in byte order (names
// are distinct, so no two ranks are equal).
func (t *strtab) ranks() []int32 {
	ids := make([]int32, len(t.names))
	for i := range ids {
		ids[i] = int32(i)
	}
	slices.SortFunc(ids, func(x, y int32) int { return strings.Compare(t.names[x], t.names[y]) })
	ranks := make([]int32, len(ids))
	for r, id := range ids {
		ranks[id] = int32(r)
	}
	return ranks
}

// groupKey identifies one group: a partnership in a wave, whole or one org or role.
type groupKey struct {
	partnership int32
	wave        int32
	breakdown   uint8 // index into breakdowns
	group       int32 // org or role id; 0 for BreakdownAll
}

// Groups live in shards by partnership, each with its own store and lock, so that
// concurrent Ingests update different partnerships at once, and the groups of one
// partnership lie together in memory. A group reference holds its shard in the low
// bits and its index in that shard's store above them.
const (
	shardBits = 6
	numShards = 1 << shardBits
)

type groupHandle uint32

func (r groupHandle) shard() int   { return int(r & (numShards - 1)) }
func (r groupHandle) local() int32 { return int32(r >> shardBits) }

type groupShard struct {
	mu    sync.Mutex
	store groupStore
	_     [64]byte // keep shards' locks on separate cache lines
}

// Aggregator accumulates responses into per-group partial results. Memory grows with
// the number of groups, not of responses; aggregators fed with disjoint parts of the
// data merge into exactly the aggregator of the whole.
//
// Add feeds it one response at a time; Ingest (ingest.go) feeds it batches from
// several goroutines at once. All counts are integers, so the result does not depend
// on the order of the responses or on how they were split.
type Aggregator struct {
	cb       *survey.Codebook
	scorer   *Scorer
	layout   *groupLayout
	patterns *patternTables // nil when the codebook is too large for them

	mu           sync.Mutex // guards the names, the group index, responses and reliability
	partnerships strtab
	orgs         strtab
	roles        strtab
	index        map[groupKey]groupHandle
	shards       [numShards]groupShard
	responses    int
	reliability  reliabilitySums // per wave and dimension, for reliability.go
	atoms        *AtomTable      // respondents per disclosure atom, for Disclosure

	dims  []int    // scratch of Add
	score rowScore // scratch of Add
}

// NewAggregator returns an empty aggregator for responses to cb.
func NewAggregator(cb *survey.Codebook) *Aggregator {
	sc := NewScorer(cb)
	l := newGroupLayout(cb, sc)
	a := &Aggregator{
		cb:          cb,
		scorer:      sc,
		layout:      l,
		patterns:    newPatternTables(cb, sc, l),
		index:       map[groupKey]groupHandle{},
		dims:        make([]int, len(cb.Dimensions)),
		score:       l.newRowScore(),
		reliability: newReliabilitySums(cb),
		atoms:       NewAtomTable(cb),
	}
	for i := range a.shards {
		a.shards[i].store.lay = l
		a.shards[i].store.sparseVars = l.sparse()
	}
	return a
}

// ref returns the group of key, creating it; a.mu is held.
func (a *Aggregator) ref(key groupKey) groupHandle {
	if r, ok := a.index[key]; ok {
		return r
	}
	sh := int(key.partnership) & (numShards - 1)
	s := &a.shards[sh]
	s.mu.Lock()
	local := s.store.newGroup()
	if key.breakdown == 0 {
		s.store.keepItems(local)
	}
	s.mu.Unlock()
	r := groupHandle(local)<<shardBits | groupHandle(sh)
	a.index[key] = r
	return r
}

// apply adds a scored response to group r.
func (a *Aggregator) apply(r groupHandle, rs *rowScore) {
	s := &a.shards[r.shard()]
	s.mu.Lock()
	s.store.add(r.local(), rs)
	s.mu.Unlock()
}

// Add accumulates one response. It keeps no reference to r. Add must not run
// concurrently with itself.
func (a *Aggregator) Add(r *survey.Response) {
	scoreAnswers(a.cb, a.scorer, a.layout, r.Answers, a.dims, &a.score)
	wave := int32(r.Wave.Index())
	a.mu.Lock()
	a.atoms.add(r)
	a.responses++
	a.reliability.add(wave, r.Answers)
	key := groupKey{partnership: a.partnerships.id(r.Partnership), wave: wave}
	refs := [3]groupHandle{a.ref(key)}
	n := 1
	if r.Org != "" {
		refs[n] = a.ref(groupKey{partnership: key.partnership, wave: wave, breakdown: 1, group: a.orgs.id(r.Org)})
		n++
	}
	if r.Role != "" {
		refs[n] = a.ref(groupKey{partnership: key.partnership, wave: wave, breakdown: 2, group: a.roles.id(r.Role)})
		n++
	}
	a.mu.Unlock()
	for _, ref := range refs[:n] {
		a.apply(ref, &a.score)
	}
	s := &a.shards[refs[0].shard()]
	s.mu.Lock()
	countItems(a.cb, s.store.itemCounts(refs[0].local()), r.Answers)
	s.mu.Unlock()
}

// Merge adds the partial results of o, an aggregator of the same codebook fed with
// other responses. Neither may be in use elsewhere meanwhile.
func (a *Aggregator) Merge(o *Aggregator) {
	a.responses += o.responses
	a.reliability.merge(&o.reliability)
	a.atoms.merge(o.atoms)
	tabs := [...]*strtab{nil, &a.orgs, &a.roles}
	otabs := [...]*strtab{nil, &o.orgs, &o.roles}
	for k, oref := range o.index {
		key := groupKey{
			partnership: a.partnerships.id(o.partnerships.names[k.partnership]),
			wave:        k.wave,
			breakdown:   k.breakdown,
		}
		if k.breakdown > 0 {
			key.group = tabs[k.breakdown].id(otabs[k.breakdown].names[k.group])
		}
		r := a.ref(key)
		a.shards[r.shard()].store.mergeFrom(r.local(), &o.shards[oref.shard()].store, oref.local())
	}
}

// Responses returns the number of responses added.
func (a *Aggregator) Responses() int { return a.responses }

func (a *Aggregator) store(r groupHandle) *groupStore { return &a.shards[r.shard()].store }
