package analysis

import (
	"renkei/survey"
)

// RelationIngest feeds batches of responses (survey.Batch, from survey.Reader.ReadAll)
// into a RelationAggregator, as Ingest does for an Aggregator. Use one per goroutine;
// any number may run at once; Close each when done. Once settled, the result is
// exactly that of RelationAggregator.Add on the same responses, in any order and
// however they are split among RelationIngests.
//
// A response without a partner, when responses are not counted, only adds to the
// undirected cell of its org, which the same responses' org groups in the Result
// already count: a RelationIngest skips it, and Seams settles those cells from the
// Result (settle) before it reads any cell. On the fast path, which has no partner
// column, that is every row.
//
// Turning every other row back into a survey.Response would cost four
// strings and four name lookups a row. Instead a RelationIngest remembers, per
// partnership × wave id of the batches' keys, the aggregator's cells its responses
// went to (by org and partner, and by role when responses are counted), so that a row
// costs a short scan; it scores a row from the answer patterns the fast reader
// computed, when there are any. An undirected cell (the fast path's only kind) only
// counts the respondents scored per variable: the slot counts them itself and adds
// them to the cell at Close, so that a row touches one slot and takes no lock; a
// directed cell's histograms are updated under the aggregator's lock, once a batch.
// What a RelationIngest remembers grows with the cells it has seen, like the
// aggregator, never with rows.
type RelationIngest struct {
	a        *RelationAggregator
	keys     *survey.Keys
	pws      [][]relationSlot // per partnership × wave id
	patterns *patternTables   // nil when the codebook is too large for them
	deferred bool             // rows were left to RelationAggregator.settle
	dims     []int            // scratch
	cells    []*relationCell  // scratch: per row of a batch
	nums     []int            // scratch: per row of a batch, per variable
}

// relationSlot is one org, partner (and role) of a partnership × wave: its cell, and
// what was counted since the last flush.
type relationSlot struct {
	org, role uint32 // ids of the keys; role 0 unless responses are counted
	partner   string
	cell      *relationCell
	counted   relationKey // the key of a.responses
	responses int
	local     bool            // an undirected cell whose counts n holds
	n         [slotVars]int32 // per variable: respondents scored, when local
}

// slotVars is how many variables (dimensions and health) a slot counts itself; cells of
// codebooks with more are counted under the lock.
const slotVars = 8

// NewIngest returns a RelationIngest that adds to a. The aggregator must not be fed
// with Add while ingests are open.
func (a *RelationAggregator) NewIngest() *RelationIngest {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.patterns == nil {
		a.patterns = newPatternTables(a.cb, a.scorer, newGroupLayout(a.cb, a.scorer))
	}
	return &RelationIngest{a: a, patterns: a.patterns, dims: make([]int, len(a.cb.Dimensions))}
}

// Add adds the responses of b.
func (in *RelationIngest) Add(b *survey.Batch) {
	if b.Keys != in.keys {
		in.flush()
		in.keys, in.pws = b.Keys, nil
	}
	a := in.a
	d := len(a.cb.Dimensions)
	vars := d + 1
	patterns := in.patterns != nil && b.Dimensions == d && len(b.Patterns) == b.Len*d
	in.cells, in.nums = in.cells[:0], in.nums[:0]
	counting := a.responses != nil
	for i := 0; i < b.Len; i++ {
		if !counting && b.Partner(i) == "" {
			in.deferred = true
			continue
		}
		slot := in.slot(b, i)
		health := 0
		if patterns {
			for dd, p := range b.Patterns[i*d : (i+1)*d] {
				in.dims[dd] = int(in.patterns.dims[dd].num[p])
				if in.dims[dd] < 0 {
					health = -1
				} else if health >= 0 {
					health += in.dims[dd]
				}
			}
		} else {
			health = a.scorer.Score(b.Answer(i), in.dims)
		}
		if slot.local {
			for v, x := range in.dims {
				if x >= 0 {
					slot.n[v]++
				}
			}
			if health >= 0 {
				slot.n[d]++
			}
			continue
		}
		in.cells = append(in.cells, slot.cell)
		in.nums = append(append(in.nums, in.dims...), health)
	}
	if len(in.cells) == 0 {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	for i, c := range in.cells {
		for v, s := range in.nums[i*vars : (i+1)*vars] {
			c.count(v, s)
		}
	}
}

// slot returns the slot of row i of b, made when new.
func (in *RelationIngest) slot(b *survey.Batch, i int) *relationSlot {
	pw := b.PW[i]
	for int(pw) >= len(in.pws) {
		in.pws = append(in.pws, make([][]relationSlot, max(1024, len(in.pws)))...)
	}
	org, role, partner := b.Org[i], uint32(0), b.Partner(i)
	counting := in.a.responses != nil
	if counting {
		role = b.Role[i]
	}
	slots := in.pws[pw]
	for j := range slots {
		if s := &slots[j]; s.org == org && s.role == role && s.partner == partner {
			if counting {
				s.responses++
			}
			return s
		}
	}
	p, w := b.Keys.PartnershipWave(pw)
	orgName := b.Keys.Name(survey.KeyOrg, org)
	a := in.a
	a.mu.Lock()
	key := relationKey{partnership: a.names.id(p), wave: int32(w.Index()), org: a.names.id(orgName), partner: a.names.id(partner)}
	dir := directed(orgName, partner)
	s := relationSlot{org: org, role: role, partner: partner, cell: a.cell(key, dir), local: !dir && len(a.histograms) <= slotVars}
	if counting {
		s.counted = relationKey{partnership: key.partnership, wave: key.wave, org: key.org, partner: a.names.id(b.Keys.Name(survey.KeyRole, role))}
		s.responses = 1
	}
	a.mu.Unlock()
	in.pws[pw] = append(slots, s)
	return &in.pws[pw][len(in.pws[pw])-1]
}

// flush adds what the slots counted to the aggregator.
func (in *RelationIngest) flush() {
	a := in.a
	a.mu.Lock()
	defer a.mu.Unlock()
	a.deferred = a.deferred || in.deferred
	for _, slots := range in.pws {
		for j := range slots {
			s := &slots[j]
			if s.responses > 0 {
				a.responses[s.counted] += s.responses
				s.responses = 0
			}
			if s.local {
				for v := range s.cell.n {
					s.cell.n[v] += s.n[v]
				}
				s.n = [slotVars]int32{}
			}
		}
	}
}

// Close adds what is still held to the aggregator and frees the slots.
func (in *RelationIngest) Close() {
	in.flush()
	in.pws, in.cells, in.nums = nil, nil, nil
}
