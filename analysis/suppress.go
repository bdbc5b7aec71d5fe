package analysis

import "renkei/analysis/disclosure"

// Suppression says why a group's statistics are not published.
type Suppression uint8

// Reasons for suppression.
const (
	NotSuppressed Suppression = iota
	// FewerThanK: fewer than MinGroup respondents have a score (primary suppression).
	FewerThanK
	// Complementary: the group is large enough, but publishing it would let a reader
	// recover a smaller hidden group by subtracting the visible groups from the whole
	// partnership (secondary suppression).
	Complementary
)

func (s Suppression) String() string {
	switch s {
	case FewerThanK:
		return "fewer_than_k"
	case Complementary:
		return "complementary"
	}
	return ""
}

// suppress decides, for every group and variable, whether its statistics may be
// published. Primary: a group with fewer than k scored respondents. Complementary:
// within one partnership, wave, variable and breakdown (org or role), the groups that
// are hidden — together with the respondents who belong to no group of that breakdown
// (no org, or no role, given), whom no row shows — must number 0 or at least k;
// otherwise the whole partnership minus the visible groups would reveal fewer than k
// people. While they number 1 to k−1, the smallest visible group is hidden too.
//
// What a reader can still compute — the pooled mean of all hidden groups — then
// describes at least k respondents, like any published figure.
func (r *Result) suppress(k int) {
	vars := r.vars
	for i := range r.groups {
		for v := range vars {
			if r.count(i, v) < k {
				*r.suppression(i, v) = FewerThanK
			}
		}
	}
	for start := 0; start < len(r.groups); {
		end := start + 1
		for end < len(r.groups) && r.groups[end].partnership == r.groups[start].partnership && r.groups[end].wave == r.groups[start].wave {
			end++
		}
		whole := start
		start = end
		if breakdowns[r.groups[whole].breakdown] != BreakdownAll {
			continue // every response is in its partnership's whole group; defensive
		}
		for _, b := range []Breakdown{BreakdownOrg, BreakdownRole} {
			var members []int
			for i := whole; i < end; i++ {
				if breakdowns[r.groups[i].breakdown] == b {
					members = append(members, i)
				}
			}
			for v := range vars {
				r.complement(whole, members, v, k)
			}
		}
	}
}

// complement applies complementary suppression to the members of one breakdown of a
// whole group, for variable v (groups by their index in r.groups).
func (r *Result) complement(whole int, members []int, v, k int) {
	if *r.suppression(whole, v) != NotSuppressed {
		return // every member is smaller than the whole, so hidden already
	}
	hidden := r.count(whole, v)
	for _, m := range members {
		if *r.suppression(m, v) == NotSuppressed {
			hidden -= r.count(m, v)
		}
	}
	for hidden > 0 && hidden < k {
		smallest := -1
		for _, m := range members {
			if *r.suppression(m, v) == NotSuppressed && (smallest < 0 || r.count(m, v) < r.count(smallest, v)) {
				smallest = m
			}
		}
		if smallest < 0 {
			return // unreachable: with every member hidden, hidden is the whole, ≥ k
		}
		*r.suppression(smallest, v) = Complementary
		hidden += r.count(smallest, v)
	}
}

// RegisterSets adds every group and variable of r to the run's disclosure control d,
// as the set of its scored respondents; ApplyDisclosure then takes d's decisions.
// Together they replace suppress's within-breakdown rule by the run-wide one, which
// also sees the comparison's and the side tables' sets.
func (r *Result) RegisterSets(d *Disclosure) {
	t := d.Table
	r.sets = make([]disclosure.SetID, len(r.groups)*r.vars)
	for i := range r.groups {
		g := &r.groups[i]
		sel := disclosure.All.With(disclosure.Partnership, t.id(atomPartnership, r.partnershipName(g))).With(disclosure.Wave, g.wave)
		priority := priorityWhole
		switch breakdowns[g.breakdown] {
		case BreakdownOrg:
			sel, priority = sel.With(disclosure.Org, t.id(atomOrg, r.groupName(g))), priorityBreakdown
		case BreakdownRole:
			sel, priority = sel.With(disclosure.Role, t.id(atomRole, r.groupName(g))), priorityBreakdown
		}
		for v := range r.vars {
			r.sets[i*r.vars+v] = d.Auditor.Select(t.UniverseScored(v), sel, priority)
		}
	}
}

// ApplyDisclosure suppresses what d's auditor decided, after Run.
func (r *Result) ApplyDisclosure(d *Disclosure) {
	for j, id := range r.sets {
		r.supp[j] = suppressionOf(d.Auditor.Reason(id))
	}
}

// Atoms returns the run's respondents per disclosure atom, complete once every Ingest
// is closed.
func (a *Aggregator) Atoms() *AtomTable { return a.atoms }

// ReleaseAtoms lets the atom counts go once the disclosure control has run: they are
// the size of the finest cells of the run, and nothing reads them after.
func (a *Aggregator) ReleaseAtoms() { a.atoms = nil }
