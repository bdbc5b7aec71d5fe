package analysis

import (
	"renkei/survey"
)

// Ingest feeds batches of responses (survey.Batch, from survey.Reader.ReadAll) into
// an Aggregator. Use one Ingest per goroutine; any number may run at once, and Close
// each when done. The result is exactly that of Aggregator.Add on the same responses,
// in any order and however they are split among Ingests.
//
// A response touches three groups (the partnership, its org, its role in that wave),
// and at ten million rows the groups' counts take tens of MiB: updated one response at
// a time, in file order, nearly every update would miss the processor's caches. So an
// Ingest first holds the responses of each partnership × wave back — org, role and one
// answer pattern per dimension, ingestHold at a time — and then adds them together,
// under one lock, while that partnership's counts are in cache. What it holds grows
// with partnerships × waves (about 2 MiB per Ingest for 16,000 of them), not with rows.
type Ingest struct {
	a         *Aggregator
	keys      *survey.Keys
	rel       reliabilitySums
	responses int
	entries   []pwEntry // per partnership × wave id of keys
	held      []uint32  // per entry, ingestHold × (org, role)
	pats      []uint16  // per entry, ingestHold × dimensions
	dims      []int     // scratch
	score     rowScore  // scratch
}

// ingestHold is how many responses of one partnership × wave an Ingest holds back.
const ingestHold = 8

// pwEntry is what an Ingest knows of one partnership × wave.
type pwEntry struct {
	known       bool
	whole       groupHandle
	partnership int32 // the aggregator's id
	wave        int32
	sums        []dimensionSums // this Ingest's reliability sums of the wave
	members     []member        // the org and role groups seen
	held        int
}

type member struct {
	breakdown uint8
	key       uint32 // org or role id of the keys
	group     groupHandle
}

// NewIngest returns an Ingest that adds to a.
func (a *Aggregator) NewIngest() *Ingest {
	return &Ingest{a: a, rel: newReliabilitySums(a.cb), dims: make([]int, len(a.cb.Dimensions)), score: a.layout.newRowScore()}
}

// entry returns what in knows of partnership × wave id pw.
func (in *Ingest) entry(pw uint32) *pwEntry {
	for int(pw) >= len(in.entries) {
		n := max(1024, 2*len(in.entries))
		in.entries = append(in.entries, make([]pwEntry, n-len(in.entries))...)
		d := len(in.a.cb.Dimensions)
		in.held = append(in.held, make([]uint32, n*ingestHold*2-len(in.held))...)
		in.pats = append(in.pats, make([]uint16, n*ingestHold*d-len(in.pats))...)
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
		e.sums = in.rel.wave(e.wave)
		e.known = true
	}
	return e
}

// group returns the org (breakdown 1) or role (2) group with id key of entry e.
func (in *Ingest) group(e *pwEntry, breakdown uint8, key uint32) groupHandle {
	for _, m := range e.members {
		if m.breakdown == breakdown && m.key == key {
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
	e.members = append(e.members, member{breakdown: breakdown, key: key, group: g})
	return g
}

// Add adds the responses of b.
func (in *Ingest) Add(b *survey.Batch) {
	in.keys = b.Keys
	a := in.a
	in.responses += b.Len
	d := len(a.cb.Dimensions)
	for i := 0; i < b.Len; i++ {
		pw := b.PW[i]
		e := in.entry(pw)
		answers := b.Answer(i)
		if a.patterns == nil {
			in.rel.add(e.wave, answers)
			scoreAnswers(a.cb, a.scorer, a.layout, answers, in.dims, &in.score)
			in.addScore(e, b.Org[i], b.Role[i])
			continue
		}
		slot := int(pw)*ingestHold + e.held
		pats := in.pats[slot*d : (slot+1)*d]
		a.patterns.patterns(a.cb, answers, pats)
		for dd, p := range pats {
			e.sums[dd].patterns[p]++
		}
		in.held[2*slot], in.held[2*slot+1] = b.Org[i], b.Role[i]
		e.held++
		if e.held == ingestHold {
			in.release(pw, e)
		}
	}
}

// groups returns the groups of a response of e with the given org and role.
func (in *Ingest) groups(e *pwEntry, org, role uint32) (groups [3]groupHandle, n int) {
	groups[0], n = e.whole, 1
	if org != 0 {
		groups[n] = in.group(e, 1, org)
		n++
	}
	if role != 0 {
		groups[n] = in.group(e, 2, role)
		n++
	}
	return groups, n
}

// addScore adds in.score to the groups of a response of e with the given org and role.
func (in *Ingest) addScore(e *pwEntry, org, role uint32) {
	groups, n := in.groups(e, org, role)
	s := &in.a.shards[e.whole.shard()] // every group of a partnership is in its shard
	s.mu.Lock()
	for _, g := range groups[:n] {
		s.store.add(g.local(), &in.score)
	}
	s.mu.Unlock()
}

// release adds the responses held for entry pw, under one lock.
func (in *Ingest) release(pw uint32, e *pwEntry) {
	a := in.a
	d := len(a.cb.Dimensions)
	var groups [ingestHold][3]groupHandle
	var n [ingestHold]int
	for h := range e.held {
		slot := int(pw)*ingestHold + h
		groups[h], n[h] = in.groups(e, in.held[2*slot], in.held[2*slot+1])
	}
	s := &a.shards[e.whole.shard()]
	s.mu.Lock()
	for h := range e.held {
		slot := int(pw)*ingestHold + h
		a.patterns.score(a.layout, in.pats[slot*d:(slot+1)*d], &in.score)
		for _, g := range groups[h][:n[h]] {
			s.store.add(g.local(), &in.score)
		}
	}
	s.mu.Unlock()
	e.held = 0
}

// Close adds everything still held, and the reliability sums, to the aggregator.
func (in *Ingest) Close() {
	for pw := range in.entries {
		if e := &in.entries[pw]; e.held > 0 {
			in.release(uint32(pw), e)
		}
	}
	a := in.a
	a.mu.Lock()
	a.responses += in.responses
	a.reliability.merge(&in.rel)
	a.mu.Unlock()
	in.entries, in.held, in.pats = nil, nil, nil
}
