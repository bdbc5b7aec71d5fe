package analysis

import (
	"runtime"
	"slices"

	"renkei/survey"
)

// Ingest feeds batches of responses (survey.Batch, from survey.Reader.ReadAll) into
// an Aggregator. Use one Ingest per goroutine; any number may run at once, and Close
// each when done. The result is exactly that of Aggregator.Add on the same responses,
// in any order and however they are split among Ingests.
//
// A response touches three groups (the partnership, its org, its role in that wave),
// and at ten million rows the groups' counts take tens of MiB: updated one response at
// a time, each under a lock, the updates would wait on each other and on memory. So an
// Ingest holds responses back per shard of partnerships (aggregate.go) — their
// partnership × wave, org and role ids and one answer pattern per dimension,
// ingestHold at a time — and then finds their groups and adds them together under the
// shard's lock: a shard's few hundred partnership × wave entries and groups stay in
// the processor's caches while its responses are added, where the responses of a
// file, in no particular order, would each fetch theirs from memory. What an Ingest
// holds is bounded: numShards × its hold (ingestHold) responses, 20 bytes each with
// four dimensions — about 10 MiB each for two Ingests, 21 MiB in all for any number.
type Ingest struct {
	a         *Aggregator
	keys      *survey.Keys
	rel       reliabilitySums
	relWaves  [][]dimensionSums // reliability sums of a wave, by pwEntry.relWave
	responses int
	entries   []pwEntry  // per partnership × wave id of keys
	members   [][]member // per partnership × wave id: its org and role groups seen
	shardOf   []uint8    // per partnership × wave id: 1 + its shard; 0 when not yet known
	held      [numShards]heldRows
	hold      int           // responses held per shard before they are added (ingestHold)
	groups    []groupHandle // scratch of release: per held response, its three groups
	dims      []int         // scratch
	score     rowScore      // scratch
	atoms     *AtomCounter
}

// ingestHold is how many responses an Ingest holds back per shard when procs Ingests
// run at once (one per processor): their share of ingestBudget, from 1,024 to 8,192.
// A shard's groups (a sixty-fourth of them: some 600 KB at ten million rows of the
// throughput workload) have long left the processor's caches when its responses are
// added again, so each release fetches most of them from memory: the more responses
// it adds, the fewer fetches per response. On two processors at 10 M rows, 4,096 took
// about 15% less time than 1,024, and 8,192 a few percent less again.
func ingestHold(procs int) int { return min(8192, max(1024, ingestBudget/max(procs, 1))) }

// ingestBudget bounds the responses all Ingests hold per shard together.
const ingestBudget = 16384

// heldRows are the responses held for one shard: per response its keys and answer
// patterns.
type heldRows struct {
	rows []heldRow
	pats []uint16 // per response, one per dimension
}

// heldRow is a held response's partnership × wave, org and role: ids of the keys.
type heldRow struct{ pw, org, role uint32 }

const noGroup = ^groupHandle(0)

// pwEntry is what an Ingest knows of one partnership × wave: its whole group, and the
// first org and role groups seen (more in Ingest.members), so that a response's three
// groups are found in one place.
type pwEntry struct {
	whole       groupHandle
	partnership int32 // the aggregator's id
	wave        int32
	relWave     int32 // index in Ingest.relWaves
	known       bool
	near        [pwNear]member
}

// pwNear is how many org and role groups a pwEntry holds itself.
const pwNear = 6

type member struct {
	key   uint32 // org or role id of the keys, with the breakdown in the top bit (1 for role); 0 when unused
	group groupHandle
}

// NewIngest returns an Ingest that adds to a.
func (a *Aggregator) NewIngest() *Ingest {
	return &Ingest{a: a, rel: newReliabilitySums(a.cb), dims: make([]int, len(a.cb.Dimensions)), score: a.layout.newRowScore(),
		hold: ingestHold(runtime.GOMAXPROCS(0)), atoms: a.atoms.NewCounter()}
}

// entry returns what in knows of partnership × wave id pw.
func (in *Ingest) entry(pw uint32) *pwEntry {
	if int(pw) >= len(in.entries) {
		n := max(1024, 2*int(pw))
		in.entries = append(in.entries, make([]pwEntry, n-len(in.entries))...)
		in.members = append(in.members, make([][]member, n-len(in.members))...)
	}
	e := &in.entries[pw]
	if !e.known {
		p, w := in.keys.PartnershipWave(pw)
		a := in.a
		a.mu.Lock()
		e.wave = int32(w.Index())
		e.partnership = a.partnerships.id(p)
		e.whole = a.ref(groupKey{partnership: e.partnership, wave: e.wave})
		a.mu.Unlock()
		e.relWave = -1
		sums := in.rel.wave(e.wave)
		for i, s := range in.relWaves {
			if &s[0] == &sums[0] {
				e.relWave = int32(i)
			}
		}
		if e.relWave < 0 {
			e.relWave = int32(len(in.relWaves))
			in.relWaves = append(in.relWaves, sums)
		}
		e.known = true
	}
	return e
}

// group returns the org (breakdown 1) or role (2) group with id key of entry pw, or
// noGroup for key 0.
func (in *Ingest) group(pw uint32, e *pwEntry, breakdown uint8, key uint32) groupHandle {
	if key == 0 {
		return noGroup
	}
	tagged := key | uint32(breakdown-1)<<31
	for _, m := range e.near {
		if m.key == tagged {
			return m.group
		}
	}
	for _, m := range in.members[pw] {
		if m.key == tagged {
			return m.group
		}
	}
	a := in.a
	kind, tab := survey.KeyOrg, &a.orgs
	if breakdown == 2 {
		kind, tab = survey.KeyRole, &a.roles
	}
	name := in.keys.Name(kind, key)
	a.mu.Lock()
	g := a.ref(groupKey{partnership: e.partnership, wave: e.wave, breakdown: breakdown, group: tab.id(name)})
	a.mu.Unlock()
	m := member{key: tagged, group: g}
	for i := range e.near {
		if e.near[i].key == 0 {
			e.near[i] = m
			return g
		}
	}
	in.members[pw] = append(in.members[pw], m)
	return g
}

// shard returns the shard of partnership × wave id pw.
func (in *Ingest) shard(pw uint32) int {
	if int(pw) < len(in.shardOf) && in.shardOf[pw] != 0 {
		return int(in.shardOf[pw] - 1)
	}
	sh := in.entry(pw).whole.shard()
	if int(pw) >= len(in.shardOf) {
		in.shardOf = append(in.shardOf, make([]uint8, max(1024, 2*int(pw))-len(in.shardOf))...)
	}
	in.shardOf[pw] = uint8(sh + 1)
	return sh
}

// Add adds the responses of b.
func (in *Ingest) Add(b *survey.Batch) {
	if b.Keys != in.keys && in.keys != nil {
		// Ids of other keys: add what is held, and forget the entries of the old.
		in.releaseAll()
		in.entries, in.members, in.shardOf = nil, nil, nil
	}
	in.keys = b.Keys
	a := in.a
	in.responses += b.Len
	in.atoms.Add(b)
	d := len(a.cb.Dimensions)
	patterns := a.patterns != nil && b.Dimensions == d && len(b.Patterns) == b.Len*d
	for i := 0; i < b.Len; i++ {
		pw := b.PW[i]
		answers := b.Answer(i)
		if a.patterns == nil {
			e := in.entry(pw)
			org, role := in.group(pw, e, 1, b.Org[i]), in.group(pw, e, 2, b.Role[i])
			in.rel.add(e.wave, answers)
			scoreAnswers(a.cb, a.scorer, a.layout, answers, in.dims, &in.score)
			s := &a.shards[e.whole.shard()]
			s.mu.Lock()
			countItems(a.cb, s.store.itemCounts(e.whole.local()), answers)
			for _, g := range [3]groupHandle{e.whole, org, role} {
				if g != noGroup {
					s.store.add(g.local(), &in.score)
				}
			}
			s.mu.Unlock()
			continue
		}
		shard := in.shard(pw)
		h := &in.held[shard]
		// The buffers grow to in.hold rows as needed: a small file holds little.
		at := len(h.pats)
		h.pats = slices.Grow(h.pats, d)[:at+d]
		pats := h.pats[at:]
		if patterns {
			copy(pats, b.Patterns[i*d:(i+1)*d])
		} else {
			a.patterns.patterns(a.cb, answers, pats)
		}
		h.rows = append(h.rows, heldRow{pw: pw, org: b.Org[i], role: b.Role[i]})
		if len(h.rows) == in.hold {
			in.release(shard)
		}
	}
}

// release adds the responses held for a shard.
func (in *Ingest) release(shard int) {
	h := &in.held[shard]
	n := len(h.rows)
	if n == 0 {
		return
	}
	a := in.a
	d := len(a.cb.Dimensions)
	// The groups first: making one takes the aggregator's lock, which is not to be
	// taken under a shard's.
	if len(in.groups) < 3*n {
		in.groups = make([]groupHandle, 3*in.hold)
	}
	for r, row := range h.rows {
		e := in.entry(row.pw)
		in.groups[3*r], in.groups[3*r+1], in.groups[3*r+2] = e.whole, in.group(row.pw, e, 1, row.org), in.group(row.pw, e, 2, row.role)
		sums := in.relWaves[e.relWave]
		for dd, p := range h.pats[r*d : (r+1)*d] {
			sums[dd].patterns[p]++
		}
	}
	s := &a.shards[shard]
	s.mu.Lock()
	for r := range n {
		pats := h.pats[r*d : (r+1)*d]
		a.patterns.score(a.layout, pats, &in.score)
		a.patterns.countItems(s.store.itemCounts(in.groups[3*r].local()), pats)
		for _, g := range in.groups[3*r : 3*r+3] {
			if g != noGroup {
				s.store.add(g.local(), &in.score)
			}
		}
	}
	s.mu.Unlock()
	h.rows, h.pats = h.rows[:0], h.pats[:0]
}

// releaseAll adds the responses held for every shard.
func (in *Ingest) releaseAll() {
	for s := range in.held {
		in.release(s)
	}
}

// Close adds everything still held, and the reliability sums, to the aggregator.
func (in *Ingest) Close() {
	in.releaseAll()
	in.atoms.Close()
	a := in.a
	a.mu.Lock()
	a.responses += in.responses
	a.reliability.merge(&in.rel)
	a.mu.Unlock()
	in.entries, in.members, in.shardOf, in.groups = nil, nil, nil, nil
	in.held = [numShards]heldRows{}
}
