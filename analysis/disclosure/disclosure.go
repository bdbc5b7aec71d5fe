// Package disclosure is renkei's one disclosure control: every published figure that
// describes a set of respondents is registered here as a set, and one Auditor decides
// which sets may be published.
//
// The model is that of linked tables in official statistics (secondary cell
// suppression, as τ-ARGUS and R's sdcTable do it). The respondents are split into
// atoms — the finest cells of the attributes that published sets select on
// (partnership, wave, org, role, phase, comparison group, partner rated) — and every
// published set is the whole of some atoms (a Selector: a value or Any per attribute;
// or a union of selectors) or an explicit list of responses (a before/after
// comparison's pairs, say) whose atoms are known. Sets live in universes (the caller
// numbers them; 0 holds every response, and Nest says which universe lies in which),
// so that the means of two sets of one universe can be subtracted, as a reader with
// both tables would, and counts of sets of nested universes too.
//
// The Auditor suppresses, until nothing changes:
//
//   - primary: a set of fewer than k people (People gives the people of a set that
//     counts a person's responses in several waves);
//   - difference: a published set A containing a published set B of its universe, or
//     of one nested in it, such that A minus B may be 1 … k−1 people;
//   - complement: a published set A and its published subsets of its universe, along
//     one attribute (distinct values of it: disjoint, whatever tables they come from)
//     or any two with no atom in common, that leave out what may be 1 … k−1 people.
//
// What is left of a set over several waves may hold a person once in each: it is at
// least as many people as it holds responses in its fullest wave, and that is what is
// checked. Of the sets in a leak, the one of lowest priority is suppressed (a table's
// figures of lesser use go first), the smallest among equals; sets that hold the same
// people, in one universe or as a bare count, are one figure shown twice and are
// hidden together, at the highest priority of their copies. A suppressed set is never
// published, so suppression only removes equations from what a reader knows; it can
// move what a rule leaves out from 0 to k or more, never into 1 … k−1, because every
// set hidden by a secondary rule holds k or more. The loop therefore ends.
//
// What the rules do not cover: combinations of three or more sets in other shapes
// (inclusion–exclusion over two attributes, say), and differences of figures of
// universes that do not nest (a dimension's n minus another's), which a reader cannot
// tell for sets. FuzzAuditor checks the rules' promises; the command's attack test
// plays the reader of every output.
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
	Group   // the comparison group (trained, untrained)
	Partner // the organisation rated (a directed A→B view)
	Attrs   // how many
)

// Any selects every value of an attribute.
const Any int32 = -1

// Key is an atom: a value id per attribute, chosen by the caller (0 may stand for
// "not given"); ids are ≥ 0.
type Key [Attrs]int32

// Selector selects the atoms whose every attribute is Any here or equal.
type Selector [Attrs]int32

// All selects every atom.
var All = Selector{Any, Any, Any, Any, Any, Any, Any}

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

// AddCounts adds counts[u] respondents of atom k in each universe u.
func (a *Atoms) AddCounts(k Key, counts []int32) {
	i := int(a.atom(k)) * a.universes
	for u, n := range counts[:a.universes] {
		a.counts[i+u] += n
	}
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

// set is a registered set. Its atoms are shared with the other sets of its selector;
// what only an explicit set has is apart, so that the many sets of a large run stay
// small.
type set struct {
	list     *atomList
	ext      *own // explicit sets only
	n        int
	u        int32
	priority int32
	explicit bool // a list of members (rows)
	union    bool // every member of the atoms of several selectors
	reason   Reason
}

// own is what an explicit set has of its own.
type own struct {
	counts []int32 // members per atom (the others hold every member of theirs)
	rows   []int32 // sorted member ids
}

// Auditor decides which registered sets may be published. Register every set, call
// Run once, then read Reason.
type Auditor struct {
	atoms *Atoms
	k     int
	sets  []set

	people    map[SetID]int         // sets whose people are fewer than their responses (People)
	ancestors map[int32][]int32     // per universe, the universes that contain it (Nest)
	perWave   map[int32][]waveCount // per set over several waves, its responses per wave (wavesOf)

	parent  []int32 // union–find over sets with the same respondents (Run)
	rank    []int32 // per class root, the highest priority of its sets
	members csr     // per class root, its sets

	byPartnership map[int32][]int32 // atom indices, ascending
	byWave        map[int32][]int32
	byPW          map[[2]int32][]int32
	selected      map[Selector]*atomList // the atoms with responses a selector selects
}

// atomList is the atoms a selector selects that hold responses, and the attributes
// on which they agree (at least those the selector fixes).
type atomList struct {
	sel   Selector // descriptor sets; All for the others
	desc  Selector // what the sets of the list describe (set.desc)
	eff   Selector
	atoms []int32 // sorted
	sets  []int32 // the descriptor sets of this selector, in any universe
	waves int     // how many waves its atoms lie in; 0 until counted (Auditor.waves)
}

// csr is a list of lists of set indices, stored flat.
type csr struct {
	start []int32 // per list i, its items are items[start[i]:start[i+1]]
	items []int32
}

func (c *csr) of(i int32) []int32 { return c.items[c.start[i]:c.start[i+1]] }

// newCSR groups values by key; keys lie in [0, n).
func newCSR(n int, keys, values []int32) csr {
	c := csr{start: make([]int32, n+1), items: make([]int32, len(values))}
	for _, k := range keys {
		c.start[k+1]++
	}
	for i := range n {
		c.start[i+1] += c.start[i]
	}
	next := slices.Clone(c.start[:n])
	for j, k := range keys {
		c.items[next[k]] = values[j]
		next[k]++
	}
	return c
}

// NewAuditor returns an auditor over the atoms counted in atoms, for groups of at
// least k respondents.
func NewAuditor(atoms *Atoms, k int) *Auditor {
	a := &Auditor{atoms: atoms, k: k, byPartnership: map[int32][]int32{}, byWave: map[int32][]int32{},
		byPW: map[[2]int32][]int32{}, selected: map[Selector]*atomList{}}
	for i, key := range atoms.keys {
		a.byPartnership[key[Partnership]] = append(a.byPartnership[key[Partnership]], int32(i))
		a.byWave[key[Wave]] = append(a.byWave[key[Wave]], int32(i))
		pw := [2]int32{key[Partnership], key[Wave]}
		a.byPW[pw] = append(a.byPW[pw], int32(i))
	}
	return a
}

// count returns the responses of atom i in universe u.
func (a *Auditor) count(i int32, u int32) int32 {
	return a.atoms.counts[int(i)*a.atoms.universes+int(u)]
}

// Select registers the set of universe u's respondents in the atoms sel selects.
// Priority orders what goes first in a leak: lower first.
func (a *Auditor) Select(u int, sel Selector, priority int) SetID {
	list, ok := a.selected[sel]
	if !ok {
		list = &atomList{sel: sel}
		for _, i := range a.candidates(sel) {
			if sel.Matches(a.atoms.keys[i]) && a.count(i, 0) > 0 {
				list.atoms = append(list.atoms, i)
			}
		}
		list.eff = a.effOf(list.atoms, sel)
		list.desc = list.eff
		a.selected[sel] = list
	}
	s := set{u: int32(u), priority: int32(priority), list: list}
	full := true
	for _, i := range list.atoms {
		c := a.count(i, s.u)
		s.n += int(c)
		full = full && c > 0
	}
	if !full {
		// Some atoms have no members in this universe: a list of its own.
		mine := &atomList{sel: sel, desc: list.desc}
		for _, i := range list.atoms {
			if a.count(i, s.u) > 0 {
				mine.atoms = append(mine.atoms, i)
			}
		}
		mine.eff = a.effOf(mine.atoms, sel)
		s.list = mine
	}
	id := a.add(s)
	list.sets = append(list.sets, int32(id))
	return id
}

// effOf returns the attributes on which atoms agree, and at least those sel fixes.
func (a *Auditor) effOf(atoms []int32, sel Selector) Selector {
	eff := All
	for j, i := range atoms {
		k := a.atoms.keys[i]
		for at := range Attrs {
			if j == 0 {
				eff[at] = k[at]
			} else if eff[at] != k[at] {
				eff[at] = Any
			}
		}
	}
	for at, v := range sel {
		if v != Any {
			eff[at] = v
		}
	}
	return eff
}

// Union registers the set of universe u's respondents in the atoms any of sels
// selects (a response-rate row over several organisations, say); desc is what the
// figure says it describes (see Explicit).
func (a *Auditor) Union(u int, sels []Selector, priority int, desc Selector) SetID {
	s := set{u: int32(u), union: true, priority: int32(priority), list: &atomList{sel: desc}}
	for _, sel := range sels {
		for _, i := range a.candidates(sel) {
			if c := a.count(i, s.u); c > 0 && sel.Matches(a.atoms.keys[i]) {
				s.list.atoms = append(s.list.atoms, i)
			}
		}
	}
	slices.Sort(s.list.atoms)
	s.list.atoms = slices.Compact(s.list.atoms)
	for _, i := range s.list.atoms {
		s.n += int(a.count(i, s.u))
	}
	s.list.eff = a.effOf(s.list.atoms, All)
	s.list.desc = desc
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
// have been counted in that universe. desc is what the figure says it describes — the
// design cell a reader sees, such as a comparison's partnership and side — or All
// to take the attributes its members share (Describe gives it back): two figures of
// one description in different universes differ only in who left answers blank.
func (a *Auditor) Explicit(u int, members []Member, priority int, desc Selector) SetID {
	s := set{u: int32(u), explicit: true, priority: int32(priority), list: &atomList{sel: desc}, ext: &own{}}
	byAtom := map[int32]int32{}
	for _, m := range members {
		i, ok := a.atoms.index[m.Key]
		if !ok {
			i = a.atoms.atom(m.Key) // counted nowhere: the set then contains no descriptor set
		}
		byAtom[i]++
		s.ext.rows = append(s.ext.rows, m.ID)
	}
	slices.Sort(s.ext.rows)
	s.ext.rows = slices.Compact(s.ext.rows)
	for i := range byAtom {
		s.list.atoms = append(s.list.atoms, i)
	}
	slices.Sort(s.list.atoms)
	for _, i := range s.list.atoms {
		s.ext.counts = append(s.ext.counts, byAtom[i])
	}
	s.n = len(s.ext.rows)
	s.list.eff = a.effOf(s.list.atoms, All)
	s.list.desc = desc
	if desc == All {
		s.list.desc = s.list.eff
	}
	return a.add(s)
}

// Describe returns what set id describes (see set.desc).
func (a *Auditor) Describe(id SetID) Selector { return a.sets[id].desc() }

// desc is what the set describes, as a reader can tell it: a descriptor set's
// selector with whatever every response it selects shares (in universe 0: a run of
// one partnership, say, where "all" and that partnership are one); an explicit or
// union set's description as registered, or the attributes its members share.
func (s *set) desc() Selector { return s.list.desc }

func (a *Auditor) add(s set) SetID {
	a.sets = append(a.sets, s)
	return SetID(len(a.sets) - 1)
}

// N returns the respondents of set id.
func (a *Auditor) N(id SetID) int { return a.sets[id].n }

// Reason returns why set id is not published, or Published.
func (a *Auditor) Reason(id SetID) Reason { return a.sets[id].reason }

// People says that set id, which counts responses, holds only people distinct
// people (a set over several waves, where one person answers in each): the primary
// rule then counts the people.
func (a *Auditor) People(id SetID, people int) {
	if a.people == nil {
		a.people = map[SetID]int{}
	}
	a.people[id] = people
}

// Nest says that universe inner is part of universe outer (the responses with a score
// on a dimension are part of those that answered one of its items, say), so that the
// difference rule relates their sets as it relates those of universe 0 to any other.
// Universe 0 contains every universe without saying.
func (a *Auditor) Nest(inner, outer int) {
	if a.ancestors == nil {
		a.ancestors = map[int32][]int32{}
	}
	if !slices.Contains(a.ancestors[int32(inner)], int32(outer)) && inner != outer && outer != 0 {
		a.ancestors[int32(inner)] = append(a.ancestors[int32(inner)], int32(outer))
	}
}

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
	for id, people := range a.people {
		if people < a.k && a.sets[id].reason == Published {
			a.sets[id].reason = FewerThanK
		}
	}
	rels := a.relations()
	a.classes(rels)
	sups, subs := make([]int32, len(rels)), make([]int32, len(rels))
	for i, r := range rels {
		sups[i], subs[i] = r.sup, r.sub
	}
	subsOf := newCSR(len(a.sets), sups, subs)
	var scratch []valued
	var bySize []int32
	for changed := true; changed; {
		changed = false
		for _, r := range rels {
			A, B := &a.sets[r.sup], &a.sets[r.sub]
			if A.reason != Published || B.reason != Published {
				continue
			}
			if a.few(r.sup, r.sub) {
				a.hideLeast(Difference, r.sup, r.sub)
				changed = true
			}
		}
		for sup := range a.sets {
			if list := subsOf.of(int32(sup)); len(list) > 0 && a.complement(int32(sup), list, &scratch) {
				changed = true
			}
		}
		for sup := range a.sets {
			if list := subsOf.of(int32(sup)); len(list) > 1 && a.twoDisjoint(int32(sup), list, &bySize) {
				changed = true
			}
		}
	}
}

// twoDisjoint applies the complement rule to set sup and any two of its published
// subsets with no atom in common, whatever attributes tell them apart (an org and a
// role that lies wholly in other orgs, say): it reports whether it suppressed
// something. bySize is reused between calls.
func (a *Auditor) twoDisjoint(sup int32, subs []int32, bySize *[]int32) bool {
	A := &a.sets[sup]
	if A.reason != Published {
		return false
	}
	list := (*bySize)[:0]
	for _, s := range subs {
		if B := &a.sets[s]; B.reason == Published && B.u == A.u && B.n < A.n {
			list = append(list, s)
		}
	}
	*bySize = list
	w := a.waves(sup)
	// Largest first: for each B, the C that leave 1 … k−1 have sizes in a window.
	slices.SortFunc(list, func(x, y int32) int {
		if c := cmp.Compare(a.sets[y].n, a.sets[x].n); c != 0 {
			return c
		}
		return cmp.Compare(x, y)
	})
	for i, b := range list {
		B := &a.sets[b]
		if B.reason != Published {
			continue
		}
		hi := A.n - B.n - 1 // C at most this large leaves at least one
		// and at least this large leaves fewer than k people (few)
		lo := A.n - B.n - (a.k-1)*w
		if hi < 1 {
			continue
		}
		// list[i+1:] descends: skip those larger than hi.
		j, _ := slices.BinarySearchFunc(list[i+1:], hi, func(x int32, n int) int { return cmp.Compare(n, a.sets[x].n) })
		for _, c := range list[i+1+j:] {
			C := &a.sets[c]
			if C.n < lo {
				break
			}
			if C.reason != Published || !disjointSorted(B.list.atoms, C.list.atoms) || !a.few(sup, b, c) {
				continue
			}
			a.hideLeast(Complement, sup, b, c)
			return true
		}
	}
	return false
}

// disjointSorted reports whether sorted x and y have no element in common.
func disjointSorted(x, y []int32) bool {
	i, j := 0, 0
	for i < len(x) && j < len(y) {
		switch {
		case x[i] == y[j]:
			return false
		case x[i] < y[j]:
			i++
		default:
			j++
		}
	}
	return true
}

// few reports whether what set sup holds beyond subs (published sets it contains,
// disjoint) may be 1 … k−1 people. An explicit set holds each person once. A
// descriptor or union set over several waves may hold one person once in each wave
// (within a wave every person counts once): what is left is then at least as many
// people as it holds responses in its fullest wave, and that is what is checked.
func (a *Auditor) few(sup int32, subs ...int32) bool {
	A := &a.sets[sup]
	r := A.n
	for _, s := range subs {
		r -= a.sets[s].n
	}
	switch w := a.waves(sup); {
	case r <= 0:
		return false
	case r < a.k:
		return true
	case w == 1 || r >= a.k*w: // some wave holds k or more of them
		return false
	}
	left := map[int32]int{}
	for _, wc := range a.wavesOf(sup) {
		left[wc.wave] += int(wc.n)
	}
	for _, s := range subs {
		for _, wc := range a.wavesOf(s) {
			left[wc.wave] -= int(wc.n)
		}
	}
	for _, n := range left {
		if n >= a.k {
			return false
		}
	}
	return true
}

// waveCount is a set's responses in one wave.
type waveCount struct{ wave, n int32 }

// wavesOf returns set id's responses per wave, counted once.
func (a *Auditor) wavesOf(id int32) []waveCount {
	if wc, ok := a.perWave[id]; ok {
		return wc
	}
	s := &a.sets[id]
	m := map[int32]int32{}
	for j, at := range s.list.atoms {
		n := a.count(at, s.u)
		if s.explicit {
			n = s.ext.counts[j]
		}
		m[a.atoms.keys[at][Wave]] += n
	}
	wc := make([]waveCount, 0, len(m))
	for w, n := range m {
		wc = append(wc, waveCount{w, n})
	}
	if a.perWave == nil {
		a.perWave = map[int32][]waveCount{}
	}
	a.perWave[id] = wc
	return wc
}

// waves is how many responses of one person set sup may hold: one per wave of a
// descriptor or union set, one for an explicit set (see few).
func (a *Auditor) waves(sup int32) int {
	s := &a.sets[sup]
	if s.explicit || s.list.eff[Wave] != Any {
		return 1
	}
	if s.list.waves == 0 {
		waves := map[int32]bool{}
		for _, at := range s.list.atoms {
			waves[a.atoms.keys[at][Wave]] = true
		}
		s.list.waves = max(1, len(waves))
	}
	return s.list.waves
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
		// One figure in two places: the same people counted, in one universe or as a
		// bare count (universe 0). Two variables of the same people (a dimension and
		// health) are two figures: hiding one need not hide the other.
		A, B := &a.sets[r.sup], &a.sets[r.sub]
		if A.n == B.n && (A.u == B.u || A.u == 0 || B.u == 0) {
			x, y := a.find(r.sup), a.find(r.sub)
			if x != y {
				a.parent[max(x, y)] = min(x, y)
			}
		}
	}
	roots, ids := make([]int32, len(a.sets)), make([]int32, len(a.sets))
	a.rank = make([]int32, len(a.sets))
	for i := range a.sets {
		root := a.find(int32(i))
		roots[i], ids[i] = root, int32(i)
		a.rank[root] = max(a.rank[root], a.sets[i].priority)
	}
	a.members = newCSR(len(a.sets), roots, ids)
	for i := range a.sets {
		if a.parent[i] != int32(i) || len(a.members.of(int32(i))) < 2 {
			continue
		}
		for _, m := range a.members.of(int32(i)) {
			if r := a.sets[m].reason; r != Published {
				a.hideClass(int32(i), r)
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
	for _, m := range a.members.of(root) {
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

// valued is a subset with the value of the attribute that tells it from its siblings.
type valued struct{ v, set int32 }

// complement applies the complement rule to set sup and its candidate subsets: it
// reports whether it suppressed something. scratch is reused between calls.
func (a *Auditor) complement(sup int32, subs []int32, scratch *[]valued) bool {
	A := &a.sets[sup]
	if A.reason != Published {
		return false
	}
	changed := false
	for at := range Attrs {
		if A.list.eff[at] != Any {
			continue
		}
		// Per value, the published subset with most respondents (disjoint across
		// values).
		vs := (*scratch)[:0]
		for _, s := range subs {
			// Of A's own universe only: with a universe inside it, the rest would mix
			// the unscored with the hidden.
			if B := &a.sets[s]; B.reason == Published && B.list.eff[at] != Any && B.u == A.u {
				vs = append(vs, valued{B.list.eff[at], s})
			}
		}
		*scratch = vs
		if len(vs) == 0 {
			continue
		}
		slices.SortFunc(vs, func(x, y valued) int {
			if c := cmp.Compare(x.v, y.v); c != 0 {
				return c
			}
			if c := cmp.Compare(a.sets[y.set].n, a.sets[x.set].n); c != 0 {
				return c
			}
			return cmp.Compare(x.set, y.set)
		})
		ids := []int32{sup}
		for j, x := range vs {
			if j == 0 || x.v != vs[j-1].v {
				ids = append(ids, x.set)
			}
		}
		if a.few(sup, ids[1:]...) {
			slices.Sort(ids[1:])
			a.hideLeast(Complement, ids...)
			changed = true
			if A.reason != Published {
				return true
			}
		}
	}
	return changed
}

// relations finds every pair of candidate sets (k or more respondents) of one
// universe, or of universe 0 around another, with one contained in the other.
// Descriptor supersets are found through their selectors' shapes; explicit and union
// ones by their members.
func (a *Auditor) relations() []relation {
	shapes := map[int32]map[uint8]bool{}
	// Explicit and union sets by the partnership they lie in (Any when several): a
	// set can only lie in one of its own partnership or of several.
	explicit := map[int32][]int32{}
	for i := range a.sets {
		s := &a.sets[i]
		if s.reason != Published {
			continue
		}
		if s.explicit || s.union {
			p := s.list.eff[Partnership]
			explicit[p] = append(explicit[p], int32(i))
			continue
		}
		if shapes[s.u] == nil {
			shapes[s.u] = map[uint8]bool{}
		}
		shapes[s.u][s.list.sel.mask()] = true
	}
	masks := map[int32][]uint8{}
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
		effMask := B.list.eff.mask()
		// Universe 0 holds every response, so its sets may contain those of any other;
		// and so may the universes B's is nested in.
		universes := append([]int32{B.u}, a.ancestors[B.u]...)
		if B.u != 0 {
			universes = append(universes, 0)
		}
		if B.u == 0 && !B.explicit {
			// A bare count whose every response lies in another universe (every one
			// scored on a dimension, say) lies in that universe's sets as surely as a
			// reader who guesses that nobody left answers blank can tell.
			for u := range int32(a.atoms.universes) {
				if u != 0 && a.allIn(B, u) {
					universes = append(universes, u)
				}
			}
		}
		for _, u := range universes {
			for _, m := range masks[u] {
				if m&effMask != m {
					continue // the superset fixes an attribute on which B's atoms differ
				}
				list := a.selected[B.list.eff.only(m)]
				if list == nil {
					continue
				}
				for _, j := range list.sets {
					if j != int32(i) && a.sets[j].u == u && a.sets[j].reason == Published && a.related(j, int32(i)) {
						rels = append(rels, relation{sup: j, sub: int32(i)})
					}
				}
			}
			for _, p := range []int32{B.list.eff[Partnership], Any} {
				for _, j := range explicit[p] {
					if j != int32(i) && a.sets[j].u == u && a.contains(j, int32(i)) && a.related(j, int32(i)) {
						rels = append(rels, relation{sup: j, sub: int32(i)})
					}
				}
				if p == Any {
					break
				}
			}
		}
	}
	return rels
}

// allIn reports whether every response of full set s lies in universe u.
func (a *Auditor) allIn(s *set, u int32) bool {
	n := 0
	for _, at := range s.list.atoms {
		n += int(a.count(at, u))
	}
	return n == s.n
}

// related reports whether sup ⊇ sub is a relation the rules look at. Within a
// universe every one is. From a universe around another universe's set (which only
// the difference rule and the classes of equal sets read), only those that differ by
// fewer than k, and hold the same respondents (one figure in two places) or describe
// another design cell: two figures of one description differ by the responses that
// left the answers blank, a count of missing answers (summary.json publishes the
// missing rate per item anyway), not a group a reader can name.
func (a *Auditor) related(sup, sub int32) bool {
	A, B := &a.sets[sup], &a.sets[sub]
	if A.u == B.u {
		return true
	}
	if B.u == 0 && A.u != 0 { // a count inside another universe's set (relations)
		return A.n-B.n < a.k && A.desc() != B.desc()
	}
	return A.n-B.n < a.k && (A.n == B.n || A.desc() != B.desc())
}

// contains reports whether explicit or union set sup holds every respondent of set
// sub.
func (a *Auditor) contains(sup, sub int32) bool {
	A, B := &a.sets[sup], &a.sets[sub]
	if B.n > A.n {
		return false
	}
	if A.list.eff[Partnership] != Any && A.list.eff[Partnership] != B.list.eff[Partnership] {
		return false
	}
	if A.union {
		// A holds every member of its atoms: B's atoms must be among them.
		return subsetOf(B.list.atoms, A.list.atoms)
	}
	if B.explicit {
		return subsetOf(B.ext.rows, A.ext.rows)
	}
	// B holds every member of its atoms (in its universe): A must hold as many there,
	// which from universe 0 around another means every response of the atom.
	i := 0
	for _, at := range B.list.atoms {
		for i < len(A.list.atoms) && A.list.atoms[i] < at {
			i++
		}
		if i == len(A.list.atoms) || A.list.atoms[i] != at || A.ext.counts[i] < a.count(at, A.u) {
			return false
		}
	}
	return true
}

// subsetOf reports whether every element of sorted x is in sorted y.
func subsetOf(x, y []int32) bool {
	i := 0
	for _, v := range x {
		for i < len(y) && y[i] < v {
			i++
		}
		if i == len(y) || y[i] != v {
			return false
		}
	}
	return true
}
