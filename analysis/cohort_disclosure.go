package analysis

import (
	"renkei/analysis/disclosure"
)

// The sets a comparison publishes, per scope, in the order RegisterSets makes them:
// each side's responses (the scope's counts), the pairs' responses on each side and
// the unmatched ones (the paired design's pair and unmatched counts), then per row
// each side's values. A set that is not published (an unpaired scope's pairs, an
// empty unmatched side) is −1.
const (
	setBefore = iota
	setAfter
	setPairsBefore
	setPairsAfter
	setUnmatchedBefore
	setUnmatchedAfter
	setRows // then two per row: before, after
)

// RegisterSets adds the sets behind every figure of the comparison to the run's
// disclosure control d (the Result's own counts are those of the same atoms, so a
// comparison's side is checked against the waves and groups of scores.csv and
// against the other scopes). ApplyDisclosure then takes d's decisions.
func (c *Comparison) RegisterSets(d *Disclosure) {
	if c == nil || c.cohort == nil {
		return
	}
	co := c.cohort
	t := d.Table
	atomOf := make([]disclosure.Key, len(co.obs))
	for i, o := range co.obs {
		atomOf[i] = disclosure.Key{t.id(atomPartnership, co.partnerships.names[o.partnership]), o.wave,
			t.id(atomOrg, co.orgs.names[o.org]), t.id(atomRole, co.roles.names[o.role]), int32(o.phase),
			int32(parseGroup(co.groupTexts.names[o.groupText])), t.id(atomPartner, co.partners.names[o.partner])}
	}
	members := func(obs []int32) []disclosure.Member {
		m := make([]disclosure.Member, len(obs))
		for i, o := range obs {
			m[i] = disclosure.Member{ID: o, Key: atomOf[o]}
		}
		return m
	}
	ints := func(obs []int) []int32 {
		out := make([]int32, len(obs))
		for i, o := range obs {
			out[i] = int32(o)
		}
		return out
	}
	vars, _ := co.variables()
	c.sets = make([][]disclosure.SetID, len(c.data))
	for si, s := range c.data {
		var pairs [2][]int32
		for _, pr := range s.pairs {
			pairs[0], pairs[1] = append(pairs[0], int32(pr[0])), append(pairs[1], int32(pr[1]))
		}
		// Each side's sets describe what the side does (its partnership, phase or
		// wave, group): what its responses share.
		ids := []disclosure.SetID{
			d.Auditor.Explicit(0, members(ints(s.before)), priorityCompare, disclosure.All),
			d.Auditor.Explicit(0, members(ints(s.after)), priorityCompare, disclosure.All),
		}
		desc := [2]disclosure.Selector{d.Auditor.Describe(ids[0]), d.Auditor.Describe(ids[1])}
		if s.Design == DesignPaired {
			ids = append(ids, d.Auditor.Explicit(0, members(pairs[0]), priorityCompare, desc[0]),
				d.Auditor.Explicit(0, members(pairs[1]), priorityCompare, desc[1]))
			for side, all := range [2][]int{s.before, s.after} {
				paired := map[int32]bool{}
				for _, o := range pairs[side] {
					paired[o] = true
				}
				var unmatched []int32
				for _, o := range all {
					if !paired[int32(o)] {
						unmatched = append(unmatched, int32(o))
					}
				}
				id := disclosure.SetID(-1)
				if len(unmatched) > 0 {
					id = d.Auditor.Explicit(0, members(unmatched), priorityCompare, desc[side])
				}
				ids = append(ids, id)
			}
		} else {
			ids = append(ids, -1, -1, -1, -1)
		}
		for i, v := range vars {
			u := t.UniverseScored(v) // a dimension or health
			if v < 0 {
				u = t.UniverseItem(-1 - v)
			}
			vec := &s.vectors[i]
			for side := range 2 {
				ids = append(ids, d.Auditor.Explicit(u, members(vec.obs[side]), priorityCompare, desc[side]))
			}
		}
		c.sets[si] = ids
	}
}

// ApplyDisclosure suppresses what d's auditor decided, after Run: a scope whose
// sides (or, paired, whose pairs) may not be shown is suppressed whole; a row whose
// values on a side may not be shown is suppressed. The adjusted p-values and the
// difference in differences are then computed again over what is shown, so that no
// shown figure depends on a hidden one.
func (c *Comparison) ApplyDisclosure(d *Disclosure) {
	if c == nil || c.sets == nil {
		return
	}
	hidden := func(id disclosure.SetID) bool { return id >= 0 && d.Auditor.Reason(id) != disclosure.Published }
	for si, ids := range c.sets {
		s := c.data[si]
		scopeHidden := false
		for _, id := range ids[:setRows] {
			scopeHidden = scopeHidden || hidden(id)
		}
		if scopeHidden && !s.Suppressed {
			s.Suppressed, s.Protects = true, true
			// No count of the scope stays behind for a renderer to show.
			s.Design, s.Pairs, s.UnmatchedBefore, s.UnmatchedAfter = DesignUnpaired, 0, 0, 0
			s.Before, s.After = 0, 0
		}
		for i := range s.Rows {
			if scopeHidden || hidden(ids[setRows+2*i]) || hidden(ids[setRows+2*i+1]) {
				s.Rows[i] = ChangeRow{Dimension: s.Rows[i].Dimension, Item: s.Rows[i].Item, Suppressed: true}
			}
		}
	}
	for _, s := range c.data {
		for i := range s.Rows {
			s.Rows[i].DiD = nil
		}
		adjust(s.Rows)
	}
	for i, s := range c.data {
		if s.Group == GroupTrained && i+1 < len(c.data) && c.data[i+1].Scope == s.Scope {
			addDiD(s, c.data[i+1])
		}
	}
	for i, s := range c.data {
		c.Scopes[i] = s.ScopeComparison
	}
}
