// Package disclosure is renkei's one disclosure control: every published figure that
// describes a set of respondents is registered here as a set, and one Auditor decides
// which sets may be published.
//
// The model is that of linked tables in official statistics (secondary cell
// suppression, as τ-ARGUS and R's sdcTable do it). The respondents are split into
// atoms — the finest cells of the attributes that published sets select on
// (partnership, wave, org, role, phase, comparison group) — and every published set is
// a union of whole atoms (a Selector: a value or Any per attribute) or an explicit
// list of responses (a before/after comparison's pairs, say) whose atoms are known.
// Sets live in universes: universe 0 holds every response, universe 1+v the responses
// with a score on variable v, so that the means of two sets of one universe can be
// subtracted, as a reader with both tables would.
//
// The Auditor suppresses, until nothing changes:
//
//   - primary: a set of fewer than k respondents;
//   - difference: a published set A containing a published set B of the same universe
//     with 1 … k−1 respondents more (A minus B would describe them);
//   - complement: a published set A and, along one attribute, its published subsets
//     with distinct values of it (disjoint, whatever tables they come from), whose
//     union leaves 1 … k−1 of A's respondents out.
//
// Of the sets in a leak, the one of lowest priority is suppressed (a table's figures
// of lesser use go first), the smallest among equals. A suppressed set is never
// published, so suppression only removes equations from what a reader knows; it can
// move a complement from 0 to k or more, never into 1 … k−1, because every set hidden
// by a secondary rule holds k or more. The loop therefore ends.
//
// What the rules do not cover: combinations of three or more sets that are not one
// set and its disjoint subsets along one attribute (inclusion–exclusion over two
// attributes, say) — see the package's tests for what is checked.
package disclosure

import (
	"cmp"
	"slices"
)

// Attr is an attribute that published sets select on.
type Attr int

// The attributes of an atom.
const (
	Partnership Attr = iota
	Wave
	Org
	Role
	Phase
	Group // the comparison group (trained, untrained)
	Attrs // how many
)

// Any selects every value of an attribute.
const Any int32 = -1

// Key is an atom: a value id per attribute, chosen by the caller (0 may stand for
// "not given"); ids are ≥ 0.
type Key [Attrs]int32

// Selector selects the atoms whose every attribute is Any here or equal.
type Selector [Attrs]int32

// All selects every atom.
var All = Selector{Any, Any, Any, Any, Any, Any}

// With returns s with attribute a set to v.
func (s Selector) With(a Attr, v int32) Selector { s[a] = v; return s }

// Matches reports whether atom k is selected.
func (s Selector) Matches(k Key) bool {
	for a, v := range s {
		if v != Any && v != k[a] {
			return false
		}
	}
	return true
}

// mask is the attributes s fixes, one bit each.
func (s Selector) mask() uint8 {
	var m uint8
	for a, v := range s {
		if v != Any {
			m |= 1 << a
		}
	}
	return m
}

// only keeps the attributes of m.
func (s Selector) only(m uint8) Selector {
	for a := range s {
		if m&(1<<a) == 0 {
			s[a] = Any
		}
	}
	return s
}

// Atoms counts respondents per atom and universe. The zero value is not usable: call
// NewAtoms.
type Atoms struct {
	universes int
	index     map[Key]int32
	keys      []Key
	counts    []int32 // atom × universe
}

// NewAtoms returns an empty count over the given number of universes.
func NewAtoms(universes int) *Atoms {
	return &Atoms{universes: universes, index: map[Key]int32{}}
}

// Universes returns the number of universes.
func (a *Atoms) Universes() int { return a.universes }

// atom returns the index of k, adding it.
func (a *Atoms) atom(k Key) int32 {
	if i, ok := a.index[k]; ok {
		return i
	}
	i := int32(len(a.keys))
	a.index[k] = i
	a.keys = append(a.keys, k)
	a.counts = append(a.counts, make([]int32, a.universes)...)
	return i
}

// Add counts n respondents of atom k in universe u.
func (a *Atoms) Add(k Key, u, n int) {
	a.counts[int(a.atom(k))*a.universes+u] += int32(n)
}

// Keys returns the atoms counted, in the order they were first seen.
func (a *Atoms) Keys() []Key { return a.keys }

// CountAt returns the respondents of the i-th atom of Keys in universe u.
func (a *Atoms) CountAt(i, u int) int { return int(a.counts[i*a.universes+u]) }

// Count returns the respondents of atom k in universe u.
func (a *Atoms) Count(k Key, u int) int {
	i, ok := a.index[k]
	if !ok {
		return 0
	}
	return int(a.counts[int(i)*a.universes+u])
}

// Reason says why a set is not published.
type Reason uint8

// Reasons.
const (
	Published  Reason = iota
	FewerThanK        // primary: fewer than k respondents
	Difference        // a published superset or subset differs from it by 1 … k−1
	Complement        // with its published disjoint subsets (or as one) it leaves 1 … k−1 out
)

func (r Reason) String() string {
	return [...]string{"", "fewer_than_k", "difference", "complement"}[r]
}

// SetID names a registered set.
type SetID int32

// Member is a response of an explicit set: an id unique among the explicit sets'
// responses of one universe (a response in two explicit sets has the same id in
// both), and its atom.
type Member struct {
	ID  int32
	Key Key
}

type set struct {
	u        int
	sel      Selector // descriptor sets; eff for explicit ones
	eff      Selector // the attributes on which all its atoms agree
	explicit bool     // a list of members (rows)
	union    bool     // every member of the atoms of several selectors
	atoms    []int32  // sorted atom indices with members
	counts   []int32  // per atom: members there
	rows     []int32  // explicit: sorted member ids
	n        int
	priority int
	reason   Reason
}

// Auditor decides which registered sets may be published. Register every set, call
// Run once, then read Reason.
type Auditor struct {
	atoms *Atoms
	k     int
	sets  []set

	parent  []int32           // union–find over sets with the same respondents (Run)
	members map[int32][]int32 // per class root, its sets
	rank    []int             // per class root, the highest priority of its sets

	byPartnership map[int32][]int32 // atom indices
	byWave        map[int32][]int32
	byPW          map[[2]int32][]int32
}

// NewAuditor returns an auditor over the atoms counted in atoms, for groups of at
// least k respondents.
func NewAuditor(atoms *Atoms, k int) *Auditor {
	a := &Auditor{atoms: atoms, k: k, byPartnership: map[int32][]int32{}, byWave: map[int32][]int32{}, byPW: map[[2]int32][]int32{}}
	for i, key := range atoms.keys {
		a.byPartnership[key[Partnership]] = append(a.byPartnership[key[Partnership]], int32(i))
		a.byWave[key[Wave]] = append(a.byWave[key[Wave]], int32(i))
		pw := [2]int32{key[Partnership], key[Wave]}
		a.byPW[pw] = append(a.byPW[pw], int32(i))
	}
	return a
}

// Select registers the set of universe u's respondents in the atoms sel selects.
// Priority orders what goes first in a leak: lower first.
func (a *Auditor) Select(u int, sel Selector, priority int) SetID {
	s := set{u: u, sel: sel, priority: priority}
	for _, i := range a.candidates(sel) {
		if !sel.Matches(a.atoms.keys[i]) {
			continue
		}
		if c := a.atoms.counts[int(i)*a.atoms.universes+u]; c > 0 {
			s.atoms = append(s.atoms, i)
			s.counts = append(s.counts, c)
			s.n += int(c)
		}
	}
	return a.add(s)
}

// Union registers the set of universe u's respondents in the atoms any of sels
// selects (a response-rate row over several organisations, say).
func (a *Auditor) Union(u int, sels []Selector, priority int) SetID {
	s := set{u: u, union: true, priority: priority}
	seen := map[int32]bool{}
	for _, sel := range sels {
		for _, i := range a.candidates(sel) {
			if seen[i] || !sel.Matches(a.atoms.keys[i]) {
				continue
			}
			if c := a.atoms.counts[int(i)*a.atoms.universes+u]; c > 0 {
				seen[i] = true
				s.atoms = append(s.atoms, i)
				s.counts = append(s.counts, c)
				s.n += int(c)
			}
		}
	}
	s.sel = All
	return a.add(s)
}

// candidates returns the atoms that may match sel.
func (a *Auditor) candidates(sel Selector) []int32 {
	switch {
	case sel[Partnership] != Any && sel[Wave] != Any:
		return a.byPW[[2]int32{sel[Partnership], sel[Wave]}]
	case sel[Partnership] != Any:
		return a.byPartnership[sel[Partnership]]
	case sel[Wave] != Any:
		return a.byWave[sel[Wave]]
	}
	all := make([]int32, len(a.atoms.keys))
	for i := range all {
		all[i] = int32(i)
	}
	return all
}

// Explicit registers the set of the given responses of universe u. Their atoms must
// have been counted in that universe.
func (a *Auditor) Explicit(u int, members []Member, priority int) SetID {
	s := set{u: u, explicit: true, priority: priority}
	byAtom := map[int32]int32{}
	for _, m := range members {
		i, ok := a.atoms.index[m.Key]
		if !ok {
			i = a.atoms.atom(m.Key) // counted nowhere: the set then contains no descriptor set
		}
		byAtom[i]++
		s.rows = append(s.rows, m.ID)
	}
	slices.Sort(s.rows)
	s.rows = slices.Compact(s.rows)
	for i := range byAtom {
		s.atoms = append(s.atoms, i)
	}
	slices.Sort(s.atoms)
	for _, i := range s.atoms {
		s.counts = append(s.counts, byAtom[i])
	}
	s.n = len(s.rows)
	return a.add(s)
}

func (a *Auditor) add(s set) SetID {
	s.eff = All
	for j, i := range s.atoms {
		k := a.atoms.keys[i]
		for at := range Attrs {
			if j == 0 {
				s.eff[at] = k[at]
			} else if s.eff[at] != k[at] {
				s.eff[at] = Any
			}
		}
	}
	if !s.explicit && !s.union {
		// A descriptor set's own selector fixes at least what it selects.
		for at, v := range s.sel {
			if v != Any {
				s.eff[at] = v
			}
		}
	}
	if !s.explicit && !slices.IsSorted(s.atoms) { // descriptor and union sets
		idx := make([]int, len(s.atoms))
		for i := range idx {
			idx[i] = i
		}
		slices.SortFunc(idx, func(x, y int) int { return cmp.Compare(s.atoms[x], s.atoms[y]) })
		atoms, counts := make([]int32, len(idx)), make([]int32, len(idx))
		for j, i := range idx {
			atoms[j], counts[j] = s.atoms[i], s.counts[i]
		}
		s.atoms, s.counts = atoms, counts
	}
	a.sets = append(a.sets, s)
	return SetID(len(a.sets) - 1)
}

// N returns the respondents of set id.
func (a *Auditor) N(id SetID) int { return a.sets[id].n }

// Reason returns why set id is not published, or Published.
func (a *Auditor) Reason(id SetID) Reason { return a.sets[id].reason }

// Hide suppresses set id for a reason of the caller's (a figure withheld for another
// cause): it then counts as hidden in every rule.
func (a *Auditor) Hide(id SetID, r Reason) {
	if a.sets[id].reason == Published {
		a.sets[id].reason = r
	}
}

// relation is B ⊆ A, both candidates for publication.
type relation struct{ sup, sub int32 }

// Run applies the rules until no leak is left.
//
// Sets that hold the same respondents — one contained in the other with as many —
// are one figure shown in two places (a wave's count in the response rates and as n
// in scores.csv, say): they are published or hidden together, and their priority is
// the highest of theirs, so that hiding the copy of lesser use never leaves the other
// showing what it was hidden for.
func (a *Auditor) Run() {
	for i := range a.sets {
		if a.sets[i].n < a.k && a.sets[i].reason == Published {
			a.sets[i].reason = FewerThanK
		}
	}
	rels := a.relations()
	a.classes(rels)
	subs := map[int32][]int32{}
	for _, r := range rels {
		subs[r.sup] = append(subs[r.sup], r.sub)
	}
	sups := make([]int32, 0, len(subs))
	for s := range subs {
		sups = append(sups, s)
	}
	slices.Sort(sups)
	for changed := true; changed; {
		changed = false
		for _, r := range rels {
			A, B := &a.sets[r.sup], &a.sets[r.sub]
			if A.reason != Published || B.reason != Published {
				continue
			}
			if d := A.n - B.n; d > 0 && d < a.k {
				a.hideLeast(Difference, r.sup, r.sub)
				changed = true
			}
		}
		for _, s := range sups {
			if a.complement(s, subs[s]) {
				changed = true
			}
		}
	}
}

// classes groups the sets that hold the same respondents (union–find over the
// relations with equal counts), gives each class its highest priority, and hides a
// class whole when any of its sets is hidden.
func (a *Auditor) classes(rels []relation) {
	a.parent = make([]int32, len(a.sets))
	for i := range a.parent {
		a.parent[i] = int32(i)
	}
	for _, r := range rels {
		if a.sets[r.sup].n == a.sets[r.sub].n {
			x, y := a.find(r.sup), a.find(r.sub)
			if x != y {
				a.parent[max(x, y)] = min(x, y)
			}
		}
	}
	a.members = map[int32][]int32{}
	a.rank = make([]int, len(a.sets))
	for i := range a.sets {
		root := a.find(int32(i))
		a.members[root] = append(a.members[root], int32(i))
		a.rank[root] = max(a.rank[root], a.sets[i].priority)
	}
	for root, ms := range a.members {
		if len(ms) < 2 {
			continue
		}
		for _, m := range ms {
			if r := a.sets[m].reason; r != Published {
				a.hideClass(root, r)
				break
			}
		}
	}
}

func (a *Auditor) find(i int32) int32 {
	for a.parent[i] != i {
		a.parent[i] = a.parent[a.parent[i]]
		i = a.parent[i]
	}
	return i
}

// hideClass hides every still published set of the class of root.
func (a *Auditor) hideClass(root int32, r Reason) {
	for _, m := range a.members[root] {
		if a.sets[m].reason == Published {
			a.sets[m].reason = r
		}
	}
}

// hideLeast suppresses the class of lowest priority among those of ids (the smallest
// among equals, then the first registered).
func (a *Auditor) hideLeast(r Reason, ids ...int32) {
	best := ids[0]
	for _, id := range ids[1:] {
		x, y := &a.sets[id], &a.sets[best]
		px, py := a.rank[a.find(id)], a.rank[a.find(best)]
		if px < py || (px == py && (x.n < y.n || (x.n == y.n && id < best))) {
			best = id
		}
	}
	a.hideClass(a.find(best), r)
}

// complement applies the complement rule to set sup and its candidate subsets: it
// reports whether it suppressed something.
func (a *Auditor) complement(sup int32, subs []int32) bool {
	A := &a.sets[sup]
	if A.reason != Published {
		return false
	}
	changed := false
	for at := range Attrs {
		if A.eff[at] != Any {
			continue
		}
		best := map[int32]int32{} // value → published subset with most respondents
		for _, s := range subs {
			B := &a.sets[s]
			v := B.eff[at]
			if B.reason != Published || v == Any {
				continue
			}
			if cur, ok := best[v]; !ok || B.n > a.sets[cur].n || (B.n == a.sets[cur].n && s < cur) {
				best[v] = s
			}
		}
		if len(best) == 0 {
			continue
		}
		covered := 0
		ids := []int32{sup}
		for _, s := range best {
			covered += a.sets[s].n
			ids = append(ids, s)
		}
		slices.Sort(ids[1:])
		if r := A.n - covered; r > 0 && r < a.k {
			a.hideLeast(Complement, ids...)
			changed = true
			if A.reason != Published {
				return true
			}
		}
	}
	return changed
}

// relations finds every pair of candidate sets (k or more respondents) of one universe
// with one contained in the other. Descriptor supersets are found through their
// selectors' shapes; explicit ones by their members.
func (a *Auditor) relations() []relation {
	type shapeKey struct {
		u   int
		sel Selector
	}
	bySel := map[shapeKey][]int32{}
	shapes := map[int]map[uint8]bool{}
	var explicit []int32
	for i := range a.sets {
		s := &a.sets[i]
		if s.reason != Published {
			continue
		}
		if s.explicit || s.union {
			explicit = append(explicit, int32(i))
			continue
		}
		bySel[shapeKey{s.u, s.sel}] = append(bySel[shapeKey{s.u, s.sel}], int32(i))
		if shapes[s.u] == nil {
			shapes[s.u] = map[uint8]bool{}
		}
		shapes[s.u][s.sel.mask()] = true
	}
	masks := map[int][]uint8{}
	for u, m := range shapes {
		for x := range m {
			masks[u] = append(masks[u], x)
		}
		slices.Sort(masks[u])
	}
	var rels []relation
	for i := range a.sets {
		B := &a.sets[i]
		if B.reason != Published {
			continue
		}
		effMask := B.eff.mask()
		// Universe 0 holds every response, so its sets may contain those of any other.
		universes := []int{B.u, 0}
		if B.u == 0 {
			universes = universes[:1]
		}
		for _, u := range universes {
			for _, m := range masks[u] {
				if m&effMask != m {
					continue // the superset fixes an attribute on which B's atoms differ
				}
				for _, j := range bySel[shapeKey{u, B.eff.only(m)}] {
					if j != int32(i) && a.related(j, int32(i)) {
						rels = append(rels, relation{sup: j, sub: int32(i)})
					}
				}
			}
			for _, j := range explicit {
				if j != int32(i) && a.sets[j].u == u && a.contains(j, int32(i)) && a.related(j, int32(i)) {
					rels = append(rels, relation{sup: j, sub: int32(i)})
				}
			}
		}
	}
	return rels
}

// related reports whether sup ⊇ sub is a relation the rules look at. Within a
// universe every one is. From universe 0 around another universe's set, only those
// that hold the same respondents (one figure in two places) or reach into other atoms:
// the responses of the same atoms without a score (or an answer) are a count of
// missing answers, which summary.json publishes per item anyway, not a group.
func (a *Auditor) related(sup, sub int32) bool {
	A, B := &a.sets[sup], &a.sets[sub]
	return A.u == B.u || A.n == B.n || !slices.Equal(A.atoms, B.atoms)
}

// contains reports whether explicit or union set sup holds every respondent of set
// sub.
func (a *Auditor) contains(sup, sub int32) bool {
	A, B := &a.sets[sup], &a.sets[sub]
	if B.n > A.n {
		return false
	}
	if A.eff[Partnership] != Any && A.eff[Partnership] != B.eff[Partnership] {
		return false
	}
	if A.union {
		// A holds every member of its atoms: B's atoms must be among them.
		i := 0
		for _, at := range B.atoms {
			for i < len(A.atoms) && A.atoms[i] < at {
				i++
			}
			if i == len(A.atoms) || A.atoms[i] != at {
				return false
			}
		}
		return true
	}
	if B.explicit {
		// Members by id.
		i := 0
		for _, r := range B.rows {
			for i < len(A.rows) && A.rows[i] < r {
				i++
			}
			if i == len(A.rows) || A.rows[i] != r {
				return false
			}
		}
		return true
	}
	// B holds every member of its atoms (in its universe): A must hold as many there,
	// or, from universe 0 around another, every response of the atom.
	i := 0
	for j, at := range B.atoms {
		for i < len(A.atoms) && A.atoms[i] < at {
			i++
		}
		need := B.counts[j]
		if A.u != B.u {
			need = a.atoms.counts[int(at)*a.atoms.universes+A.u]
		}
		if i == len(A.atoms) || A.atoms[i] != at || A.counts[i] < need {
			return false
		}
	}
	return true
}
