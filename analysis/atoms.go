package analysis

import (
	"strings"
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
//
// The counts are kept in shards by partnership, each under its own lock, and found
// by the names' ids, which an AtomCounter translates from a file's keys once per id:
// a response costs a lock and a lookup, and memory grows with the atoms (a few dozen
// bytes, and four per universe), not with the goroutines.
type AtomTable struct {
	mu     sync.Mutex // guards names
	names  [4]strtab  // partnership, org, role, partner; id 0 of all but the first is "not given"
	shards [numShards]atomShard
	scorer *Scorer
	cb     *survey.Codebook
	dims   int
	u      int // universes
	merged *disclosure.Atoms
}

// atomShard is the atoms of the partnerships of one shard.
type atomShard struct {
	mu     sync.Mutex
	index  map[disclosure.Key]int32
	keys   []disclosure.Key
	counts []int32 // atom × universe
}

// NewAtomTable returns an empty table for responses to cb.
func NewAtomTable(cb *survey.Codebook) *AtomTable {
	d := len(cb.Dimensions)
	t := &AtomTable{scorer: NewScorer(cb), cb: cb, dims: d, u: 3*d + 2 + len(cb.Items)}
	t.names[atomOrg].id("")
	t.names[atomRole].id("")
	t.names[atomPartner].id("")
	for i := range t.shards {
		t.shards[i].index = map[disclosure.Key]int32{}
	}
	return t
}

// Atoms returns the counts, gathered from the shards once; the table must no longer
// be fed.
func (t *AtomTable) Atoms() *disclosure.Atoms {
	if t.merged == nil {
		t.merged = disclosure.NewAtoms(t.u)
		for i := range t.shards {
			sh := &t.shards[i]
			for j, k := range sh.keys {
				t.merged.AddCounts(k, sh.counts[j*t.u:(j+1)*t.u])
			}
			sh.index, sh.keys, sh.counts = nil, nil, nil
		}
	}
	return t.merged
}

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
	atomPartner     = 3
)

// id returns the value id of a partnership, org or role name (what), adding it.
func (t *AtomTable) id(what int, name string) int32 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.names[what].id(name)
}

// Key returns the atom of response r.
func (t *AtomTable) Key(r *survey.Response) disclosure.Key {
	return disclosure.Key{t.id(atomPartnership, r.Partnership), int32(r.Wave.Index()), t.id(atomOrg, r.Org), t.id(atomRole, r.Role),
		int32(r.Phase), int32(parseGroup(r.Group)), t.id(atomPartner, r.Partner)}
}

// shard returns the shard of atom k's partnership.
func (t *AtomTable) shard(k disclosure.Key) *atomShard {
	return &t.shards[int(k[disclosure.Partnership])&(numShards-1)]
}

// row returns the counts of atom k in its u universes, adding it; sh.mu is held or
// no one else uses sh.
func (sh *atomShard) row(k disclosure.Key, u int) []int32 {
	j, ok := sh.index[k]
	if !ok {
		j = int32(len(sh.keys))
		sh.index[k] = j
		sh.keys = append(sh.keys, k)
		sh.counts = append(sh.counts, make([]int32, u)...)
	}
	return sh.counts[int(j)*u : (int(j)+1)*u]
}

// count adds one response with answers to atom k; dims is scratch of one slot per
// dimension.
func (t *AtomTable) count(k disclosure.Key, answers []int8, dims []int) {
	sh := t.shard(k)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	row := sh.row(k, t.u)
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

// Add counts response r (a response read one at a time, as 'renkei compare' reads its
// files; batches go through AtomCounters).
func (t *AtomTable) Add(r *survey.Response) { t.add(r) }

// add counts response r.
func (t *AtomTable) add(r *survey.Response) {
	t.count(t.Key(r), r.Answers, make([]int, t.dims))
}

// merge adds o's counts to t.
func (t *AtomTable) merge(o *AtomTable) {
	for i := range o.shards {
		sh := &o.shards[i]
		for j, k := range sh.keys {
			key := k
			key[disclosure.Partnership] = t.id(atomPartnership, o.names[atomPartnership].names[k[disclosure.Partnership]])
			key[disclosure.Org] = t.id(atomOrg, o.names[atomOrg].names[k[disclosure.Org]])
			key[disclosure.Role] = t.id(atomRole, o.names[atomRole].names[k[disclosure.Role]])
			key[disclosure.Partner] = t.id(atomPartner, o.names[atomPartner].names[k[disclosure.Partner]])
			row := t.shard(key).row(key, t.u)
			for u := range t.u {
				row[u] += sh.counts[j*t.u+u]
			}
		}
	}
}

// AtomCounter feeds batches into an AtomTable; use one per goroutine and Close it.
// It remembers the ids of the current file's keys: the names of a partnership ×
// wave, org or role are looked up once per file.
type AtomCounter struct {
	t        *AtomTable
	dims     []int
	keys     *survey.Keys
	pw       [][2]int32 // per partnership × wave id of keys: partnership id + 1, wave
	orgs     []int32    // per org id of keys: org id + 1
	roles    []int32
	partners map[string]int32 // partner rated → id (rows of files with a partner column)
}

// NewCounter returns a counter that adds to t.
func (t *AtomTable) NewCounter() *AtomCounter {
	return &AtomCounter{t: t, dims: make([]int, t.dims)}
}

// Add counts the responses of b.
func (c *AtomCounter) Add(b *survey.Batch) {
	if b.Keys != c.keys {
		c.keys, c.pw, c.orgs, c.roles = b.Keys, c.pw[:0], c.orgs[:0], c.roles[:0]
	}
	var r survey.Response
	for i := 0; i < b.Len; i++ {
		var k disclosure.Key
		k[disclosure.Partnership], k[disclosure.Wave] = c.partnershipWave(b.PW[i])
		k[disclosure.Org] = c.name(&c.orgs, survey.KeyOrg, atomOrg, b.Org[i])
		k[disclosure.Role] = c.name(&c.roles, survey.KeyRole, atomRole, b.Role[i])
		if ph := b.Phase(i); ph != survey.PhaseNone {
			b.Response(i, &r)
			k[disclosure.Phase], k[disclosure.Group] = int32(ph), int32(parseGroup(r.Group))
		}
		if p := b.Partner(i); p != "" {
			id, ok := c.partners[p]
			if !ok {
				id = c.t.id(atomPartner, p)
				if c.partners == nil {
					c.partners = map[string]int32{}
				}
				c.partners[strings.Clone(p)] = id
			}
			k[disclosure.Partner] = id
		}
		c.t.count(k, b.Answer(i), c.dims)
	}
}

// partnershipWave returns the partnership id and wave of partnership × wave id pw of
// the current keys.
func (c *AtomCounter) partnershipWave(pw uint32) (int32, int32) {
	if int(pw) >= len(c.pw) {
		c.pw = append(c.pw, make([][2]int32, int(pw)+1-len(c.pw))...)
	}
	if e := c.pw[pw]; e[0] > 0 {
		return e[0] - 1, e[1]
	}
	p, w := c.keys.PartnershipWave(pw)
	id := c.t.id(atomPartnership, p)
	c.pw[pw] = [2]int32{id + 1, int32(w.Index())}
	return id, int32(w.Index())
}

// name returns the table's id of the org or role with id key of the current keys.
func (c *AtomCounter) name(cache *[]int32, kind survey.KeyKind, what int, key uint32) int32 {
	if int(key) >= len(*cache) {
		*cache = append(*cache, make([]int32, int(key)+1-len(*cache))...)
	}
	if id := (*cache)[key]; id > 0 {
		return id - 1
	}
	id := c.t.id(what, c.keys.Name(kind, key))
	(*cache)[key] = id + 1
	return id
}

// Close ends c's counting; what it counted is in its table already.
func (c *AtomCounter) Close() { c.pw, c.orgs, c.roles = nil, nil, nil }

// Priorities of the published sets in the disclosure control: in a leak, the set of
// lowest priority is suppressed first. The partnership scores are what the run is
// for; the breakdowns, comparisons and side tables give way to them.
const (
	priorityCounts      = 10 // counts in side tables (response rates, quality)
	priorityReliability = 20
	priorityCompare     = 30
	priorityDirected    = 40 // the directed A→B views (gaps.csv)
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
// It tells the auditor how the universes nest: the responses with a score on a
// dimension answered one of its items; those that answered all of them have a score;
// an item's answers are among its dimension's; health needs every dimension's score.
func NewDisclosure(t *AtomTable, k int) *Disclosure {
	a := disclosure.NewAuditor(t.Atoms(), k)
	health := t.UniverseScored(t.dims)
	for d, dim := range t.cb.Dimensions {
		a.Nest(t.UniverseScored(d), t.UniverseAnswered(d))
		a.Nest(t.UniverseComplete(d), t.UniverseScored(d))
		a.Nest(t.UniverseComplete(d), t.UniverseAnswered(d))
		a.Nest(health, t.UniverseScored(d))
		a.Nest(health, t.UniverseAnswered(d))
		for _, i := range dim.Items {
			a.Nest(t.UniverseItem(i), t.UniverseAnswered(d))
		}
	}
	return &Disclosure{Table: t, Auditor: a}
}
