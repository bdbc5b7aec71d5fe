package analysis

import (
	"sync"

	"renkei/analysis/disclosure"
	"renkei/survey"
)

// AtomTable counts the respondents of a run per disclosure atom (partnership, wave,
// org, role, phase and comparison group) in the universes of the disclosure control:
// universe 0 every response; then per variable v (the dimensions in codebook order,
// then health, as Result numbers its variables) the responses with a score on it; per
// dimension those with any of its items answered, then those with all of them (the
// reliability table's n and n_complete); and per item those that answered it. Every
// table that publishes figures about respondents registers its sets against it (see
// Disclosure). Feed it through AtomCounters, one per goroutine.
type AtomTable struct {
	mu     sync.Mutex
	atoms  *disclosure.Atoms
	names  [3]strtab // partnership, org, role; id 0 of org and role is "not given"
	scorer *Scorer
	cb     *survey.Codebook
	dims   int
}

// NewAtomTable returns an empty table for responses to cb.
func NewAtomTable(cb *survey.Codebook) *AtomTable {
	d := len(cb.Dimensions)
	t := &AtomTable{atoms: disclosure.NewAtoms(3*d + 2 + len(cb.Items)), scorer: NewScorer(cb), cb: cb, dims: d}
	t.names[1].id("")
	t.names[2].id("")
	return t
}

// Atoms returns the counts; the table must no longer be fed.
func (t *AtomTable) Atoms() *disclosure.Atoms { return t.atoms }

// UniverseScored is the universe of the responses with a score on variable v (a
// dimension's index, or the number of dimensions for health).
func (t *AtomTable) UniverseScored(v int) int { return 1 + v }

// UniverseAnswered is the universe of the responses that answered an item of
// dimension d.
func (t *AtomTable) UniverseAnswered(d int) int { return t.dims + 2 + d }

// UniverseComplete is the universe of the responses that answered every item of
// dimension d.
func (t *AtomTable) UniverseComplete(d int) int { return 2*t.dims + 2 + d }

// UniverseItem is the universe of the responses that answered item i.
func (t *AtomTable) UniverseItem(i int) int { return 3*t.dims + 2 + i }

// name ids of the attributes kept by name.
const (
	atomPartnership = 0
	atomOrg         = 1
	atomRole        = 2
)

// id returns the value id of a partnership, org or role name (what), adding it.
func (t *AtomTable) id(what int, name string) int32 { return t.names[what].id(name) }

// Key returns the atom of a response of partnership p in wave w, with org, role,
// phase and comparison group as given (empty when not).
func (t *AtomTable) Key(p string, w survey.Wave, org, role string, phase survey.Phase, group string) disclosure.Key {
	return disclosure.Key{t.id(atomPartnership, p), int32(w.Index()), t.id(atomOrg, org), t.id(atomRole, role), int32(phase), int32(parseGroup(group))}
}

// count adds one response with answers to row, the counts of its atom per universe;
// dims is scratch of one slot per dimension.
func (t *AtomTable) count(row []int32, answers []int8, dims []int) {
	row[0]++
	health := t.scorer.Score(answers, dims)
	for d, num := range dims {
		if num >= 0 {
			row[t.UniverseScored(d)]++
		}
	}
	if health >= 0 {
		row[t.UniverseScored(t.dims)]++
	}
	for d, dim := range t.cb.Dimensions {
		answered := 0
		for _, i := range dim.Items {
			if answers[i] != survey.Missing {
				answered++
				row[t.UniverseItem(i)]++
			}
		}
		if answered > 0 {
			row[t.UniverseAnswered(d)]++
		}
		if answered == len(dim.Items) {
			row[t.UniverseComplete(d)]++
		}
	}
}

// add counts response r; t.mu or its aggregator's lock is held.
func (t *AtomTable) add(r *survey.Response) {
	row := make([]int32, t.atoms.Universes())
	t.count(row, r.Answers, make([]int, t.dims))
	key := t.Key(r.Partnership, r.Wave, r.Org, r.Role, r.Phase, r.Group)
	for u, n := range row {
		if n > 0 {
			t.atoms.Add(key, u, int(n))
		}
	}
}

// merge adds o's counts to t.
func (t *AtomTable) merge(o *AtomTable) {
	for i, k := range o.atoms.Keys() {
		key := k
		key[disclosure.Partnership] = t.id(atomPartnership, o.names[atomPartnership].names[k[disclosure.Partnership]])
		key[disclosure.Org] = t.id(atomOrg, o.names[atomOrg].names[k[disclosure.Org]])
		key[disclosure.Role] = t.id(atomRole, o.names[atomRole].names[k[disclosure.Role]])
		for u := range t.atoms.Universes() {
			if n := o.atoms.CountAt(i, u); n > 0 {
				t.atoms.Add(key, u, n)
			}
		}
	}
}

// AtomCounter feeds batches into an AtomTable; use one per goroutine and Close it.
type AtomCounter struct {
	t      *AtomTable
	dims   []int
	index  map[localAtom]int32
	keys   []localAtom
	counts []int32 // per local atom and universe
}

// localAtom is an atom in the ids of one batch's keys.
type localAtom struct {
	keys          *survey.Keys
	pw, org, role uint32
	phase, group  uint8
}

// NewCounter returns a counter that adds to t when closed.
func (t *AtomTable) NewCounter() *AtomCounter {
	return &AtomCounter{t: t, dims: make([]int, t.dims), index: map[localAtom]int32{}}
}

// Add counts the responses of b.
func (c *AtomCounter) Add(b *survey.Batch) {
	u := c.t.atoms.Universes()
	var r survey.Response
	for i := 0; i < b.Len; i++ {
		k := localAtom{keys: b.Keys, pw: b.PW[i], org: b.Org[i], role: b.Role[i], phase: uint8(b.Phase(i))}
		if k.phase != uint8(survey.PhaseNone) {
			b.Response(i, &r)
			k.group = parseGroup(r.Group)
		}
		j, ok := c.index[k]
		if !ok {
			j = int32(len(c.keys))
			c.index[k] = j
			c.keys = append(c.keys, k)
			c.counts = append(c.counts, make([]int32, u)...)
		}
		c.t.count(c.counts[int(j)*u:(int(j)+1)*u], b.Answer(i), c.dims)
	}
}

// Close adds what c counted to its table.
func (c *AtomCounter) Close() {
	t := c.t
	u := t.atoms.Universes()
	t.mu.Lock()
	defer t.mu.Unlock()
	for j, k := range c.keys {
		p, w := k.keys.PartnershipWave(k.pw)
		key := disclosure.Key{t.id(atomPartnership, p), int32(w.Index()),
			t.id(atomOrg, k.keys.Name(survey.KeyOrg, k.org)), t.id(atomRole, k.keys.Name(survey.KeyRole, k.role)),
			int32(k.phase), int32(k.group)}
		for v := range u {
			if n := c.counts[j*u+v]; n > 0 {
				t.atoms.Add(key, v, int(n))
			}
		}
	}
	c.keys, c.counts, c.index = nil, nil, nil
}

// Priorities of the published sets in the disclosure control: in a leak, the set of
// lowest priority is suppressed first. The partnership scores are what the run is
// for; the breakdowns, comparisons and side tables give way to them.
const (
	priorityCounts      = 10 // counts in side tables (response rates, quality)
	priorityReliability = 20
	priorityCompare     = 30
	priorityBreakdown   = 50
	priorityWhole       = 60
)

// Disclosure is the run's one disclosure control: each table registers the sets it
// would publish, Run decides, and each table applies the decisions.
type Disclosure struct {
	Table   *AtomTable
	Auditor *disclosure.Auditor
}

// NewDisclosure starts the control of a run over t's counts, for groups of k or more.
func NewDisclosure(t *AtomTable, k int) *Disclosure {
	return &Disclosure{Table: t, Auditor: disclosure.NewAuditor(t.atoms, k)}
}
